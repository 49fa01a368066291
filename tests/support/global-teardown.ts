/** Removes the run's migrated template database (global-setup.ts). */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { portalTemplate?: { drop(): Promise<void> } }).portalTemplate?.drop();
}
