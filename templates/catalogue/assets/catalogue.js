/*
 * The catalogue's progressive enhancement, a classic script so that it runs
 * from the file system too. Without it every page works: the list of APIs is
 * plain HTML. With it, GOV.UK Frontend's components start and the list gets
 * its search and filters.
 */
(function () {
  'use strict';
  var body = document.body;
  body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
  if (window.GOVUKFrontend && window.GOVUKFrontend.isSupported && window.GOVUKFrontend.isSupported()) {
    window.GOVUKFrontend.initAll();
  }

  var form = document.getElementById('filters');
  var list = document.getElementById('api-list');
  if (!form || !list) return;
  var items = Array.prototype.slice.call(list.children);
  var text = document.getElementById('filter-text');
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-filter]'));
  var status = document.getElementById('filter-status');
  // What the text search looks in: everything the card shows, lower-cased once.
  var haystacks = items.map(function (item) {
    return item.textContent.replace(/\s+/g, ' ').toLowerCase();
  });

  function matches(item, index, words) {
    for (var s = 0; s < selects.length; s++) {
      var wanted = selects[s].value;
      if (!wanted) continue;
      var have = (item.getAttribute('data-' + selects[s].getAttribute('data-filter')) || '').split(' ');
      if (have.indexOf(wanted) === -1) return false;
    }
    for (var w = 0; w < words.length; w++) {
      if (haystacks[index].indexOf(words[w]) === -1) return false;
    }
    return true;
  }

  function apply() {
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item, index) {
      var visible = matches(item, index, words);
      item.hidden = !visible;
      if (visible) shown++;
    });
    status.textContent = shown === items.length ? 'Showing all ' + items.length + ' APIs' : 'Showing ' + shown + ' of ' + items.length + ' APIs';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    apply();
  });
  text.addEventListener('input', apply);
  selects.forEach(function (select) {
    select.addEventListener('change', apply);
  });
  form.hidden = false;
  apply();
})();
