/** A translation of one area's English messages: the same keys, nothing more. */
export type AreaCatalogue<Source extends Record<string, string>> = { readonly [Key in keyof Source]: string };
