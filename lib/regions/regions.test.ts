import { describe, expect, it } from 'vitest';
import { findRegionByName, isKnownRegion, listCities, listCounties, listProvinces, regionName, resolveCounty, placeLabel } from './regions';

describe('regions (GB/T 2260)', () => {
  it('names a county with its province and city, and a municipality district without 市辖区', () => {
    expect(regionName('440305')).toBe('广东省 深圳市 南山区');
    expect(regionName('110105')).toBe('北京市 朝阳区');
    expect(regionName('4403')).toBe('广东省 深圳市');
    expect(regionName('999999')).toBe('999999');
  });

  it('lists 31 provinces and a province’s cities, one 重庆 for its two city-level groups', () => {
    expect(listProvinces()).toHaveLength(31);
    expect(listCities('44').map((city) => city.name)).toContain('深圳市');
    expect(listCities('50').map((city) => city.name)).toEqual(['重庆市']);
  });

  it('finds a region from the names people write', () => {
    expect(findRegionByName('广东省深圳市南山区')?.code).toBe('440305');
    expect(findRegionByName('深圳市 南山区')?.code).toBe('440305');
    expect(findRegionByName('深圳市')?.code).toBe('4403');
    expect(findRegionByName('火星')).toBeNull();
    expect(isKnownRegion('440305')).toBe(true);
    expect(isKnownRegion('440399')).toBe(false);
  });
});

describe('resolveCounty', () => {
  it('finds a county by name or current code and says when only a city was given', () => {
    expect(resolveCounty('广东省 深圳市 南山区')).toEqual({ ok: true, code: '440305' });
    expect(resolveCounty('440305')).toEqual({ ok: true, code: '440305' });
    expect(resolveCounty('广东省深圳市')).toEqual({ ok: false, problem: 'notCounty' });
    expect(resolveCounty('火星')).toEqual({ ok: false, problem: 'unknown' });
    // A retired county code (崇文区, merged into 东城区 in 2010) is not a destination a member can be at today.
    expect(resolveCounty('110103')).toEqual({ ok: false, problem: 'unknown' });
  });
});

describe('cities without counties (不设区的地级市)', () => {
  it('are their own county level, by name, by a town in them, or by code', () => {
    expect(resolveCounty('广东省东莞市')).toEqual({ ok: true, code: '441900' });
    expect(resolveCounty('中山市')).toEqual({ ok: true, code: '442000' });
    expect(resolveCounty('东莞市东城街道')).toEqual({ ok: true, code: '441900' });
    expect(resolveCounty('441900')).toEqual({ ok: true, code: '441900' });
    expect(regionName('441900')).toBe('广东省 东莞市');
    expect(listCounties('4419')).toEqual([{ code: '441900', name: '东莞市' }]);
  });
});

describe('labels', () => {
  it('names a city by its own code (440300) as the city', () => {
    expect(regionName('440300')).toBe('广东省 深圳市');
    expect(regionName('110100')).toBe('北京市');
  });

  it('shows the address alone when it already spells the region out, else the region first', () => {
    expect(placeLabel('440306', '广东省深圳市宝安区友谊路962号')).toBe('广东省深圳市宝安区友谊路962号');
    expect(placeLabel('440306', '福永街道某电子厂')).toBe('广东省 深圳市 宝安区 福永街道某电子厂');
  });
});
