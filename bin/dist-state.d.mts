// Types of dist-state.mjs (plain JavaScript: bin/ must run before anything is compiled).
export declare const STAMP: string;
export declare function isSourceCheckout(root: string): boolean;
export declare function distIsCurrent(root: string): boolean;
