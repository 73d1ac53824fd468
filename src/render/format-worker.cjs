/**
 * prettier's worker thread (format.ts runs it through tinypool): plain
 * CommonJS, so that the same file runs under tsx and from dist/ with no
 * loader in the worker. tinypool loads this file with the first task:
 * startFormatter sends one that only waits for prettier, so that prettier
 * loads while the service is modelled; each other task formats one file.
 */
const loading = import('prettier');
// A failed load is told to the first task that needs prettier, not thrown in the worker on its own.
loading.catch(() => {});

/** Formats one file; `{ warm: true }` (startFormatter) only waits for prettier to load. */
module.exports = async function format({ warm, content, options }) {
  const prettier = await loading;
  return warm ? '' : prettier.format(content, options);
};
