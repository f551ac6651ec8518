// Type for xmldom's HTML entity table (a plain CommonJS module without typings).
declare module "@xmldom/xmldom/lib/entities" {
  export const HTML_ENTITIES: Record<string, string>;
}
