/**
 * A reducer whose latest state can be read between renders. Keys of one
 * read arrive before React re-renders ("\rl" is enter, then l), so key
 * handlers read `current()`: the state after the previous key's dispatch,
 * kept in step with every dispatch.
 */
import { useCallback, useReducer, useRef } from 'react';

/** `[state as rendered, state as of now, dispatch]`. */
export function useSyncedReducer<S, A>(reduce: (s: S, a: A) => S, init: () => S): [S, () => S, (a: A) => void] {
  const [state, dispatchState] = useReducer(reduce, undefined, init);
  const ref = useRef(state);
  const dispatch = useCallback((a: A) => {
    ref.current = reduce(ref.current, a);
    dispatchState(a);
  }, [reduce]);
  const current = useCallback(() => ref.current, []);
  return [state, current, dispatch];
}
