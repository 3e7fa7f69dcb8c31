// Word lists for the synthetic demo county (db/seed/demo-county.ts). Everything here is
// invented or generic; no list names a real person or a real company.

/** [surname, relative weight]: roughly national frequencies, tilted toward Guanzhong (陕西). */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 70], ['张', 66], ['刘', 54], ['杨', 40], ['赵', 30], ['陈', 30], ['高', 20],
  ['马', 18], ['郭', 15], ['周', 15], ['吴', 12], ['孙', 13], ['徐', 11], ['胡', 12], ['朱', 11],
  ['黄', 11], ['何', 9], ['罗', 8], ['林', 5], ['梁', 8], ['宋', 8], ['郑', 7], ['韩', 8],
  ['冯', 7], ['董', 7], ['薛', 6], ['雷', 6], ['田', 6], ['贾', 6], ['任', 6], ['侯', 5],
  ['曹', 5], ['程', 5], ['魏', 5], ['吕', 5], ['苏', 5], ['白', 5], ['樊', 4], ['党', 4],
  ['唐', 4], ['于', 4], ['许', 4], ['袁', 4], ['邓', 4], ['彭', 3], ['曾', 3], ['谢', 4],
  ['丁', 4], ['姚', 4], ['范', 4], ['石', 4], ['孟', 4], ['秦', 4], ['史', 4], ['卢', 3],
  ['蒋', 3], ['蔡', 3], ['姜', 3], ['崔', 4], ['郝', 4], ['武', 4], ['乔', 3], ['贺', 3],
  ['段', 3], ['康', 3], ['毛', 3], ['常', 3], ['尹', 2], ['焦', 3], ['屈', 3], ['惠', 2],
  ['寇', 2], ['师', 2], ['方', 2], ['杜', 3], ['潘', 2], ['余', 2], ['夏', 2], ['钟', 2],
];

export type NameEra = 'old' | 'middle' | 'young';

/**
 * Given-name characters by gender and by the era of birth (before 1970, 1970–1989, from
 * 1990), because given names follow fashions. Some characters appear in several lists.
 */
export const GIVEN_CHARS: Readonly<Record<'male' | 'female', Readonly<Record<NameEra, string>>>> = {
  male: {
    old: '建国军民忠德福贵喜明平振兴发全春秋文武生海山林成志宏有学世长永庆田金',
    middle: '伟强军平刚勇涛斌波辉建明华林峰鹏杰磊超海东宏志亮兵龙飞江利锋新红小',
    young: '浩宇轩博涛鑫磊鹏杰子晨睿航昊凯阳帅旭毅泽辰瑞一豪宁哲嘉文飞俊',
  },
  female: {
    old: '秀英兰凤桂芳玉珍梅华霞琴淑香翠莲花荣彩娥素爱菊丽巧',
    middle: '芳娟敏静丽艳霞燕玲红梅琴萍莉娜慧洁琳颖蓉晓小丹利春',
    young: '婷欣怡雪佳琳悦萱雨思梦涵倩瑶璐蕾娜楠月晨可馨雅一妍',
  },
};

/** Road names common to most Chinese cities, used for synthetic addresses. */
export const ROAD_NAMES: readonly string[] = [
  '人民路', '建设路', '解放路', '工业大道', '创业路', '兴业路', '科技路', '发展大道',
  '长安路', '新华路', '胜利路', '和平路', '友谊路', '团结路', '朝阳路', '光明路',
  '环城路', '振兴路', '富民路', '园区路', '民营路', '航空路', '滨河路', '西环路',
];

/** Invented trade names (字号) for synthetic employers. */
export const TRADE_NAMES: readonly string[] = [
  '宏达', '鑫源', '华联', '恒信', '瑞丰', '金盛', '诚信', '永安', '新锐', '顺通',
  '泰和', '嘉禾', '汇通', '众诚', '博远', '天利', '盛华', '远航', '兴旺', '同创',
];

/** Employer suffixes by industry, appended to a trade name in outflow addresses. */
export const EMPLOYER_SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  建筑业: ['建筑工程有限公司项目部', '建设集团有限公司项目部', '装饰工程有限公司'],
  交通运输: ['物流有限公司', '快递营业部', '运输有限公司', '出行服务有限公司'],
  批发零售: ['商贸有限公司', '商行', '超市', '建材市场商户'],
  住宿餐饮: ['餐饮管理有限公司', '酒店', '饭庄'],
  制造业: ['电子科技有限公司', '机械制造有限公司', '新材料有限公司', '汽车零部件有限公司'],
  居民服务: ['物业服务有限公司', '家政服务有限公司', '保安服务有限公司'],
  信息技术: ['信息技术有限公司', '软件有限公司', '网络科技有限公司'],
  租赁和商务服务: ['企业管理咨询有限公司', '人力资源服务有限公司'],
  卫生: ['医院', '社区卫生服务中心', '诊所'],
  教育: ['培训学校', '实验学校', '幼儿园'],
  采矿业: ['矿业有限公司', '能源有限公司'],
  农业: ['农业发展有限公司', '种植专业合作社'],
};
