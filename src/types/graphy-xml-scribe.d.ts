/** The part of @graphy/content.xml.scribe (no types of its own) that `rdf-serialise.ts` uses. */
declare module '@graphy/content.xml.scribe' {
  import type { Quad } from 'n3';
  import type { Transform } from 'node:stream';

  interface XmlScriber extends Transform {
    write(quad: Quad): boolean;
  }
  function scribe(config?: { prefixes?: Record<string, string> }): XmlScriber;
  export default scribe;
}
