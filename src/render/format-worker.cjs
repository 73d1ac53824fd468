/**
 * prettier's worker thread (format.ts runs it through tinypool): plain
 * CommonJS, so that the same file runs under tsx and from dist/ with no
 * loader in the worker. prettier starts loading as the worker starts, while
 * the service is modelled; each task formats one file.
 */
const loading = import('prettier');
// A failed load is told to the first task that needs prettier, not thrown in the worker on its own.
loading.catch(() => {});

module.exports = async function format({ content, options }) {
  const prettier = await loading;
  return prettier.format(content, options);
};
