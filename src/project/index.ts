/**
 * `.hinge` project files: the schema of every lab's state, migrations from older versions, and
 * parsing that names the bad field.
 */
export * from './schema.js';
export { trainingState, type TrainingState } from './training-schema.js';
export { ProjectError, formatPath, parseProject, serializeProject, validateProject, type ProjectErrorKind } from './project-file.js';
export { MIGRATIONS, defaultRegionsLine, type Migration } from './migrate.js';
