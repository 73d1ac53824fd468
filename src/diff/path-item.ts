/** The operations of a path item (a path, a webhook, a callback expression), by method. */
import { HTTP_METHODS } from '../blueprint/openapi.js';
import { asObject, own, type Located } from './side.js';

export function operationsOf(item: Located): Array<[string, Located]> {
  const record = asObject(item.node);
  const operations: Array<[string, Located]> = [];
  for (const method of HTTP_METHODS) {
    const operation = own(record, method);
    if (asObject(operation)) operations.push([method, { node: operation, pointer: `${item.pointer}/${method}` }]);
  }
  return operations;
}
