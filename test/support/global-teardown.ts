export default async function globalTeardown(): Promise<void> {
  const pglite = globalThis.__KARYA_PGLITE__;
  if (pglite) {
    await pglite.server.stop();
    await pglite.db.close();
  }
}
