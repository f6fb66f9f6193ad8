// Symbols that must keep their identity across realms and across the ESM/CJS copies of weft.

/** marks a core primitive instance so the argument encoder can describe it */
export const kPrimitive: unique symbol = Symbol.for('weft.primitive') as never;
/** marks a value produced by transfer() */
export const kTransfer: unique symbol = Symbol.for('weft.transfer') as never;
/** marks a function produced by task() */
export const kTaskRef: unique symbol = Symbol.for('weft.taskRef') as never;
/** key of an encoded primitive in a payload */
export const ENCODED_PRIMITIVE_KEY = '__weft_primitive__';
