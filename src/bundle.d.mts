/** See bundle.mjs: the URL of the cached JavaScript bundle of a project entry module, or undefined. */
export declare function bundledEntry(entry: URL): Promise<URL | undefined>;
/** See bundle.mjs: the hash a bundle of `entryPath` is cached under. */
export declare function cacheKey(entryPath: string, esbuildVersion: string, dirs?: { root?: string; src?: string }): string;
/** See bundle.mjs: a hash of the Node version, the lock file and every source file. */
export declare function sourcesDigest(dirs?: { root?: string; src?: string }): string;
/** See bundle.mjs: JSON data kept across processes. */
export declare const dataCache: { read(name: string): unknown; write(name: string, value: unknown): void };
/** See bundle.mjs: bytes kept across processes (drawn figures), bounded, least recently used out first. */
export declare const blobCache: { readBytes(name: string): Uint8Array | undefined; writeBytes(name: string, bytes: Uint8Array): void };
/** See bundle.mjs: the cache folders, the preferred first. */
export declare function cacheDirs(): string[];
/** See bundle.mjs: a hash of the lock file. */
export declare function lockDigest(dirs?: { root?: string }): string;
