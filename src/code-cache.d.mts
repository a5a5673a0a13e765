/** See code-cache.mjs: CommonJS package files compiled through V8's code cache kept in `dirs`. */
export declare function installCodeCache(dirs: string[], key: string): void;
