import { siteConfig } from '../site.config.ts';
import { getCatalog } from './catalog.ts';
import { buildDcatGraphs, type DcatGraphs } from './standards/dcat-graph.ts';

let cached: Promise<DcatGraphs> | undefined;

/**
 * The catalog's DCAT-AP graph and each dataset's part of it, built once per build: `/catalog.ttl`,
 * `.jsonld`, `.rdf` and every dataset's `dataset.ttl`, `.jsonld`, `.rdf` serialise these stores, so a
 * catalog of 1,000 datasets builds its graph once, not once per file. In dev every request rebuilds it.
 */
export function getDcatGraphs(): Promise<DcatGraphs> {
  const build = async () => buildDcatGraphs(await getCatalog(), siteConfig);
  if (!import.meta.env.PROD) return build();
  cached ??= build();
  return cached;
}
