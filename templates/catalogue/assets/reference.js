/*
 * Draws the reference docs with Redoc from the blueprint embedded in the page
 * (a JSON script element, so the page works from the file system and from any
 * static host). The blueprint is untrusted: Redoc sanitises its Markdown.
 */
(function () {
  'use strict';
  var container = document.getElementById('redoc-container');
  var blueprint = JSON.parse(document.getElementById('blueprint').textContent);
  var options = JSON.parse(container.getAttribute('data-redoc-options'));
  window.Redoc.init(blueprint, options, container);
})();
