/** A store operation that cannot be done as asked: the message is one line, fit to show a user. */
export class StoreError extends Error {
  override name = 'StoreError';
}
