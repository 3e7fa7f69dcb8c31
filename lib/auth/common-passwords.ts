// Passwords attackers try first. Drawn from the usual global breach top lists and from the
// Chinese leaks (CSDN 2011, 12306, 天涯 …), where digit homophones (5201314 "我爱你一生一世"),
// lucky repeated digits, pinyin and surname+digits dominate. Entries shorter than the minimum
// length are kept so the list stays right if the minimum is ever lowered. Lower case only:
// the check compares case-insensitively. Pure runs and keyboard/digit sequences are not listed
// here because password-policy.ts refuses them by pattern, whatever their length.
const LIST: readonly string[] = [
  // Global top lists
  '123456', 'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  'pa$$w0rd', 'pass1234', 'passwd', 'passpass', 'qwerty', 'qwerty1', 'qwerty12', 'qwerty123',
  'qwerty1234', 'qwertyuiop123', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e', 'q1w2e3r4', 'q1w2e3r4t5',
  'zaq12wsx', '1qaz2wsx', '1qaz@wsx', '1qazxsw2', 'qazwsx', 'qazwsxedc', 'qazwsx123', 'qweasd',
  'qweasdzxc', 'qweasd123', 'asdf1234', 'asd123456', 'zxc123456', 'zxcvbnm123', 'abc123',
  'abcd1234', 'abc12345', 'abcd12345', 'a1b2c3d4', 'a1b2c3d4e5', 'iloveyou', 'iloveyou1',
  'iloveu', 'letmein', 'letmein1', 'welcome', 'welcome1', 'welcome123', 'monkey', 'dragon',
  'master', 'sunshine', 'princess', 'football', 'baseball', 'basketball', 'superman', 'batman',
  'trustno1', 'shadow', 'michael', 'jennifer', 'charlie', 'jordan23', 'computer', 'internet',
  'starwars', 'whatever', 'freedom', 'hello123', 'helloworld', 'secret', 'secret123', 'admin',
  'admin123', 'admin1234', 'admin@123', 'administrator', 'root', 'root123', 'root1234', 'toor',
  'test', 'test123', 'test1234', 'guest', 'guest123', 'changeme', 'default', 'login', 'user',
  'user123', 'love1234', 'lovely', 'flower', 'mustang', 'access', 'killer', 'pokemon',
  'chocolate', 'cookie', 'summer', 'winter', 'spring', 'autumn', 'google', 'linkedin', 'facebook',
  'soccer', 'hockey', 'ranger', 'harley', 'matrix', 'maggie', 'ginger', 'buster',
  'pepper', 'daniel', 'thomas', 'andrew', 'joshua', 'ashley', 'nicole', 'jessica', 'qwer1234',
  'asdfasdf', 'zxcvzxcv', 'aaa111', 'aaa123', 'aaa123456', 'a12345', 'a1234567', 'a12345678',
  'abc123abc', 'p@55w0rd', 'passw0rd1', 'p4ssw0rd', 'password!', 'password1!', 'qwerty!@#',
  '!qaz2wsx', '!qaz@wsx', '1qaz!qaz', '1234qwer', '1234abcd', '12345abc', '12345qwert',
  '123abc', '123qwe', '123qweasd', '123qweasdzxc', '123asd', '123asdqwe',
  // Digit patterns that the sequence check does not already catch
  '123123', '123123123', '12341234', '123321', '1234554321', '12344321', '123654', '123654789',
  '147258', '147258369', '147852', '147852369', '159357', '159753', '159357258', '258369',
  '321321', '369258147', '456123', '456789123', '741852963', '789456', '789456123', '963852741',
  '112233', '11223344', '1122334455', '111222', '111222333', '112211', '121212', '12121212',
  '131313', '520520', '000000a', '101010', '10101010', '202020', '20082008', '19491001',
  '19880808', '19900101', '20000101', '7758521', '7758258', '12301230', '110110', '110120119',
  '12345678910', '1234567891', '0123456789a',
  // Homophones and lucky numbers common in China
  '5201314', '1314520', '520131400', '52013140', '5201314a', '1314521', '13145200', '5211314',
  '521521', '520520520', '3344520', '3344521', '1314woaini', '88888888', '888888', '8888888888',
  '66666666', '666666', '6666666666', '99999999', '168168', '16881688', '518518', '518888',
  '868686', '98989898', '123456789a', '123456a', 'a123456', 'aa123456', 'a1234567890',
  'a123123', 'a123456789', 'abc123456', 'abc123456789', 'qq123456', 'qq1234567', 'qq5201314',
  '123456qq', 'qaz123456', 'asd123', 'woaini', 'woaini1314', 'woaini520', 'woaini521',
  'woaini123', 'woaini1234', 'woaini123456', 'woaini5201314', 'woaiwojia', 'woaiwoziji',
  'iloveyou1314', 'aini1314', 'aini520', 'wohenaini', 'nihao', 'nihao123', 'nihao123456',
  'wodemima', 'mima123', 'mima123456', 'mimamima', 'tiantian', 'xiaoxiao',
  'wangwang', 'haha1234', 'hehe1234', 'baobao', 'baobei', 'baobei520', 'baobei1314',
  'laopo520', 'laogong520', 'xiaoming', 'xiaohong', 'zhongguo', 'zhongguo123', 'woaizhongguo',
  'beijing', 'beijing2008', 'shanghai', 'guangzhou', 'shenzhen', 'china123', 'china2008',
  'zhang123', 'zhang123456', 'wang1234', 'wang123456', 'li123456', 'liu123456', 'chen123456',
  'yang123456', 'zhao123456', 'huang123456', 'zhou123456', 'wu123456', 'xu123456', 'sun123456',
  'ma123456', 'zhu123456', 'hu123456', 'guo123456', 'he123456', 'lin123456', 'zhangwei',
  'wangwei', 'wangfang', 'liwei', 'lina123', 'wangjing', 'zhanglei', 'liuyang', 'zhangjie',
  'woshishui', 'nicaicai', 'qwe123456', 'qwe123qwe', 'asdasd', 'asdasd123',
  'zxczxc', 'a5201314', 'aaa5201314', 'z123456', 'zz123456', 'w123456', 'wwww1234',
  'q123456', 'q123456789', 'abcabc', 'abcabc123',
  // Pinyin words tied to this system's users; the first things someone targeting them would try
  'dangyuan', 'dangyuan123', 'dangyuan1921', 'gongchandang', 'gongchandangyuan', 'zhonggong',
  'liudongdangyuan', 'liudong', 'liudong123', 'liudongejia', 'ejia123', 'ejia1234', 'dangjian',
  'dangjian123', 'dangzhibu', 'zhibu123', 'dangwei', 'dangwei123', 'zuzhibu', 'shuji123',
  'dangxiao', 'hongqi', 'hongqiqu', 'weirenminfuwu', 'renminfuwu', 'buwangchuxin', 'chuxin',
  'xuexiqiangguo', 'qiangguo', 'zhongguomeng', 'gongchandang1921', '19210701',
  '20210701', '20211001',
];

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.map((p) => p.toLowerCase()));
