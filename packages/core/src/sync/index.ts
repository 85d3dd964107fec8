export * from './hlc.js';
export * from './vector.js';
export * from './register.js';
export * from './union.js';
export * from './wire.js';
