/**
 * `.hinge` project files: the schema of every lab's state, migrations from older versions, and
 * parsing that names the bad field.
 */
export * from './schema.js';
export { LAB_CATALOG, EXPORT_ALL_LAB_IDS, labEntry, labTitle, type LabCatalogEntry, type LabId } from './lab-catalog.js';
export { trainingState, type TrainingState } from './training-schema.js';
export { ProjectError, formatPath, parseProject, salvageProject, serializeProject, validateProject, type ProjectErrorKind, type SalvagedProject } from './project-file.js';
export { MIGRATIONS, defaultRegionsLine, type Migration } from './migrate.js';
export { LabStateError, assertLabState, checkLabFields, checkLabState, clipImportedRef, clipText, type LabState } from './lab-state.js';
