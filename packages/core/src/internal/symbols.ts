// Core-internal hooks between modules; not exported from the package.
export const kMarkRunning = Symbol('weft.future.markRunning');
export const kSetResult = Symbol('weft.future.setResult');
export const kSetException = Symbol('weft.future.setException');
export const kCancel = Symbol('weft.future.cancel');
export const kSetHooks = Symbol('weft.future.setHooks');
export const kHandle = Symbol('weft.primitive.handle');
