// world-countries' data set (dist/countries-unescaped.json, 565 KB: currencies, translations,
// borders, coordinates …) slimmed to what server/src/core/facts/places.ts reads of each country
// (its `Country` interface): the common name, the alternative spellings and the English
// demonyms. 39 KB in the bundles instead of 565 KB, which every start of the server and the CLI
// parsed and built into objects. test/package/bundle.test.ts checks the two lists agree.

/** The fields kept, as paths: what places.ts's `Country` declares. */
export const COUNTRY_FIELDS = ['name.common', 'altSpellings', 'demonyms.eng'];

/** The countries with only COUNTRY_FIELDS (a missing field stays missing). */
export function slimCountries(countries) {
  return countries.map((c) => {
    const out = {};
    for (const field of COUNTRY_FIELDS) {
      const parts = field.split('.');
      let from = c;
      for (const p of parts) from = from?.[p];
      if (from === undefined) continue;
      let to = out;
      for (const p of parts.slice(0, -1)) to = to[p] ??= {};
      to[parts[parts.length - 1]] = from;
    }
    return out;
  });
}

/** An esbuild plugin that bundles the slim list wherever the data set is imported. */
export const slimCountriesPlugin = {
  name: 'slim-world-countries',
  setup(build) {
    build.onLoad({ filter: /world-countries[\\/]dist[\\/]countries-unescaped\.json$/ }, async (args) => {
      const { readFile } = await import('fs/promises');
      const full = JSON.parse(await readFile(args.path, 'utf8'));
      return { contents: JSON.stringify(slimCountries(full)), loader: 'json' };
    });
  },
};
