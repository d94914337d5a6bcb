/**
 * The four delivery agents. Each factory returns an {@link Agent} that derives real artifacts from the request
 * analysis and the artifacts of the sub-tasks it depends on; only the composition root calls these.
 */
export { createBackendAgent, BACKEND_SKILLS } from './backend/index.js';
export { createDevopsAgent, DEVOPS_SKILLS } from './devops/index.js';
export { createFrontendAgent, FRONTEND_SKILLS } from './frontend/index.js';
export { createQualityAgent, QUALITY_SKILLS } from './quality/index.js';
