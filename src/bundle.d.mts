/** See bundle.mjs: the URL of the cached JavaScript bundle of a project entry module, or undefined. */
export declare function bundledEntry(entry: URL): Promise<URL | undefined>;
/** See bundle.mjs: the hash a bundle of `entryPath` is cached under. */
export declare function cacheKey(entryPath: string, esbuildVersion: string, dirs?: { root?: string; src?: string }): string;
