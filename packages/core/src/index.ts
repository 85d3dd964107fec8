export * from './ids/uuid.js';
export * from './protocol/version.js';
export * from './course/course.schema.js';
export * from './api/common.api.js';
export * from './api/auth.api.js';
export * from './api/tenants.api.js';
