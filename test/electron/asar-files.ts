// Reading a packaged app.asar in tests, and what should be in its node_modules.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file names inside an asar archive (its header is JSON after 16 bytes of sizes). */
export function asarFiles(archive: string): string[] {
  const bytes = readFileSync(archive);
  const header = JSON.parse(bytes.subarray(16, 16 + bytes.readUInt32LE(12)).toString('utf8')) as Entry;
  type Entry = { files?: Record<string, Entry> };
  const walk = (entry: Entry, prefix: string): string[] =>
    Object.entries(entry.files ?? {}).flatMap(([name, child]) => (child.files ? walk(child, `${prefix}${name}/`) : [`${prefix}${name}`]));
  return walk(header, '');
}

/** The packages under node_modules/ in a list of archive files (top level; `@scope/name` for scoped ones). */
export function topLevelPackages(files: string[]): string[] {
  const names = files.filter((file) => file.startsWith('node_modules/')).map((file) => file.split('/').slice(1, file.startsWith('node_modules/@') ? 3 : 2).join('/'));
  return [...new Set(names)].sort();
}

/** The project's `dependencies` and theirs, all the way down, as npm installed them under `root`. */
export function productionDependencies(root: string): string[] {
  const found = new Set<string>();
  const visit = (name: string, from: string) => {
    if (found.has(name)) return;
    found.add(name);
    const nested = join(from, 'node_modules', name);
    const dir = existsSync(nested) ? nested : join(root, 'node_modules', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir);
  };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(pkg.dependencies ?? {})) visit(name, root);
  return [...found].sort();
}
