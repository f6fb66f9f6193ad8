// Lets a public constructor (`new Lock()`) either create fresh backend state or, while
// reviving a descriptor that arrived from another worker, adopt an existing handle —
// without exposing a constructor parameter for it.
let adopted: unknown;

export function constructWith<T>(handle: unknown, construct: () => T): T {
  adopted = handle;
  try {
    return construct();
  } finally {
    adopted = undefined;
  }
}

/** In a constructor: the handle being adopted, or a new one from `create`. */
export function adoptOr<H>(create: () => H): H {
  if (adopted === undefined) return create();
  const h = adopted as H;
  adopted = undefined;
  return h;
}
