// Every string a user reads, in one place (zh-CN first; another locale is another object of this shape).
export const messages = {
  app: {
    name: '流动e家',
    tagline: '离乡不离党 · 流动不流失',
    description: '流动党员教育、管理、服务平台',
  },
  nav: {
    home: '首页',
    privacy: '个人信息保护',
    adminOverview: '概况',
    adminOrgs: '组织架构',
    skipToContent: '跳到正文',
    adminConsole: '管理后台',
    memberSide: '党员端',
  },
  home: {
    welcome: (county: string) => `欢迎来到${county}流动党员之家`,
    intro: '在外务工、经商、求学的党员，在这里学习、参加组织生活、联系党组织。',
    figures: '全县概况',
    orgCount: '党组织',
    memberCount: '党员',
    outflowCount: '流动党员',
    notReady: '系统正在初始化，请稍后刷新。',
    unit: { orgs: '个', people: '名' },
  },
  privacy: {
    title: '个人信息保护说明',
    version: '版本 2026-11',
    sections: [
      {
        heading: '我们为什么需要这些信息',
        body: '党组织依据《中国共产党党员教育管理工作条例》对流动党员进行教育、管理和服务，需要掌握党员的身份、去向、联系方式、职业和收入（用于核定党费）等信息。',
      },
      {
        heading: '谁能看到',
        body: '您的信息仅对您本人和您所在党组织及其上级党组织中具有相应权限的管理员可见。身份证号码加密保存，页面上只显示部分号码；查看完整号码需要专门授权，并留有记录。流入地党组织只能看到为组织生活所必需的信息。',
      },
      {
        heading: '如何保存',
        body: '数据保存在本县自行部署的服务器上，身份证号码和收入以加密方式存储，所有重要操作记入不可篡改的审计日志，日志至少保存六个月。',
      },
      {
        heading: '您的权利',
        body: '您可以查看本人档案，通过修改申请更正信息；对信息处理有疑问，可向所在党支部或县委组织部反映。',
      },
    ],
  },
  admin: {
    overviewTitle: '全局概况',
    orgTreeTitle: '组织架构',
    orgTreeHint: '本级及下级党组织，括号内为直属党员人数。',
    membersDirect: (count: number) => `${count} 名党员`,
  },
  orgTypes: {
    party_committee: '党委',
    working_committee: '党工委',
    general_branch: '党总支',
    branch: '党支部',
    joint_branch: '联合党支部',
    temporary_branch: '临时党支部',
    party_group: '党小组',
    host: '流入地党组织',
  },
  memberStatuses: {
    registered: '在册',
    outflow: '流出中',
    returned: '已返乡',
    transferred_out: '组织关系已转出',
    lost_contact: '失联',
    suspended: '停止党籍',
  },
  errors: {
    notFoundTitle: '页面不存在',
    notFoundBody: '您访问的页面不存在或已被删除。',
    forbiddenTitle: '无权访问',
    forbiddenBody: '您没有权限查看此内容。如需访问，请联系所在党组织的管理员。',
    errorTitle: '出错了',
    errorBody: '系统暂时无法完成您的请求，请稍后再试。',
    retry: '重试',
    backHome: '返回首页',
  },
  idNumber: {
    format: '身份证号码应为18位，前17位为数字，最后一位为数字或X。',
    province: '身份证号码前两位不是有效的省级行政区划代码。',
    birthDate: '身份证号码中的出生日期无效。',
    checkChar: '身份证号码校验位不正确，请核对后重新输入。',
  },
  upload: {
    tooLarge: (limitMb: number) => `文件过大，单个文件不能超过 ${limitMb} MB。`,
    empty: '文件为空，请重新选择。',
    unsupported: '不支持该文件类型。请上传图片（JPG、PNG、GIF、WebP）、PDF、Word、Excel、PowerPoint、音频或视频文件。',
    notAllowedHere: '此处不允许上传该类型的文件。',
    damaged: '文件已损坏，无法读取，请重新导出后上传。',
  },
} as const;

export type Messages = typeof messages;
