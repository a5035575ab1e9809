/**
 * One read per delivered event in this process, however many subscribers it has here: the PubSub hands
 * every local subscriber of a channel the same payload object, so the read is memoized by that object
 * (a WeakMap: the entry goes with the event).
 */
export function perEvent<P extends object, R>(read: (payload: P) => Promise<R>): (payload: P) => Promise<R> {
  const reads = new WeakMap<P, Promise<R>>();
  return (payload) => {
    let result = reads.get(payload);
    if (!result) {
      result = read(payload);
      reads.set(payload, result);
    }
    return result;
  };
}
