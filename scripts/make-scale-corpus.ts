/**
 * Scale corpus: `npm run scale-corpus [-- --count 1000 --out .bench/scale-corpus --seed 1]`.
 *
 * Writes N realistic 公文 (county and city 实施方案, chapter-structured 规划, 通知, some in
 * Markdown, a few in GB18030 / UTF-16LE / UTF-8-BOM), about 40 KB each, built from phrase banks
 * by a seeded PRNG: the same options give byte-identical files on every machine. Documents vary
 * place, issuer, 文号, date style, topic, outline and task numbering styles, assignment clause
 * styles (（牵头单位：…；责任单位：…）, （X牵头，Y配合）, half-width, unbracketed 责任单位 lines …),
 * department spellings (发改委 / 发展改革委), indicator table layouts (one cell per line, tab
 * rows, space-aligned rows, pipe tables) and prose targets.
 *
 * Alongside the folder it writes `<out>.manifest.json`: for every file what was generated
 * (encoding, format, title, 文号, date, tasks with their lead/responsible units as written,
 * indicator count, declared count), so benchmarks can check extraction at scale.
 * No network; only node:fs and iconv-lite.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';

// --- seeded randomness ------------------------------------------------------------------------

/** FNV-1a, to turn a seed string into 32 bits. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for test data, identical on every platform. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** `n` distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.min(n, copy.length));
  }
  /** A value with `digits` decimals between min and max. */
  decimal(min: number, max: number, digits: number): number {
    const f = 10 ** digits;
    return Math.round((min + this.next() * (max - min)) * f) / f;
  }
}

// --- numerals and dates -------------------------------------------------------------------------

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 27 → 二十七 (outline numbers and counts up to 99). */
function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function formatDate(d: DateParts, chinese: boolean): string {
  if (!chinese) return `${d.year}年${d.month}月${d.day}日`;
  const year = String(d.year)
    .split('')
    .map((c) => CN_DIGITS[Number(c)])
    .join('');
  return `${year}年${cnNumber(d.month)}月${cnNumber(d.day)}日`;
}

// --- phrase banks -------------------------------------------------------------------------------

interface Place {
  /** Full name, e.g. 巫山县. */
  name: string;
  /** Level prefix its departments take: 县, 区 or 市. */
  level: '县' | '区' | '市';
  /** Short form used in 文号: 巫山府发〔2023〕3号. */
  short: string;
  province: string;
}

const PLACES: Place[] = [
  ['巫山县', '县', '巫山', '重庆市'],
  ['奉节县', '县', '奉节', '重庆市'],
  ['城口县', '县', '城口', '重庆市'],
  ['云阳县', '县', '云阳', '重庆市'],
  ['忠县', '县', '忠', '重庆市'],
  ['垫江县', '县', '垫江', '重庆市'],
  ['丰都县', '县', '丰都', '重庆市'],
  ['武隆区', '区', '武隆', '重庆市'],
  ['开州区', '区', '开州', '重庆市'],
  ['梁平区', '区', '梁平', '重庆市'],
  ['南岸区', '区', '南岸', '重庆市'],
  ['璧山区', '区', '璧山', '重庆市'],
  ['綦江区', '区', '綦江', '重庆市'],
  ['潼南区', '区', '潼南', '重庆市'],
  ['秀山县', '县', '秀山', '重庆市'],
  ['桃江县', '县', '桃', '湖南省'],
  ['安化县', '县', '安', '湖南省'],
  ['平江县', '县', '平', '湖南省'],
  ['凤凰县', '县', '凤', '湖南省'],
  ['宁乡市', '市', '宁', '湖南省'],
  ['醴陵市', '市', '醴', '湖南省'],
  ['平利县', '县', '平', '陕西省'],
  ['旬阳市', '市', '旬', '陕西省'],
  ['紫阳县', '县', '紫', '陕西省'],
  ['眉山市', '市', '眉', '四川省'],
  ['遂宁市', '市', '遂', '四川省'],
  ['广安市', '市', '广', '四川省'],
  ['宣汉县', '县', '宣', '四川省'],
  ['苍溪县', '县', '苍', '四川省'],
  ['仪陇县', '县', '仪', '四川省'],
  ['恩施市', '市', '恩施', '湖北省'],
  ['竹溪县', '县', '竹', '湖北省'],
  ['巴东县', '县', '巴', '湖北省'],
  ['毕节市', '市', '毕', '贵州省'],
  ['湄潭县', '县', '湄', '贵州省'],
  ['赤水市', '市', '赤', '贵州省'],
  ['会泽县', '县', '会', '云南省'],
  ['弥勒市', '市', '弥', '云南省'],
  ['建水县', '县', '建', '云南省'],
  ['长汀县', '县', '汀', '福建省'],
  ['安溪县', '县', '安', '福建省'],
  ['婺源县', '县', '婺', '江西省'],
  ['瑞金市', '市', '瑞', '江西省'],
  ['金寨县', '县', '金', '安徽省'],
  ['歙县', '县', '歙', '安徽省'],
  ['兰考县', '县', '兰', '河南省'],
  ['新县', '县', '新', '河南省'],
  ['曹县', '县', '曹', '山东省'],
  ['寿光市', '市', '寿', '山东省'],
  ['安吉县', '县', '安', '浙江省'],
  ['桐庐县', '县', '桐', '浙江省'],
  ['宜兴市', '市', '宜', '江苏省'],
  ['沭阳县', '县', '沭', '江苏省'],
  ['阳朔县', '县', '阳', '广西壮族自治区'],
  ['龙胜县', '县', '龙', '广西壮族自治区'],
  ['丹寨县', '县', '丹', '贵州省'],
  ['隆德县', '县', '隆', '宁夏回族自治区'],
].map(([name, level, short, province]) => ({ name, level, short, province }) as Place);

/** Department cores (without level prefix). Alternative spellings exercise alias folding. */
const DEPARTMENTS: { core: string; variants?: string[]; lead?: boolean }[] = [
  { core: '发展改革委', variants: ['发改委', '发展和改革委员会'], lead: true },
  { core: '经济信息委', variants: ['经信委'], lead: true },
  { core: '教委', variants: ['教育委员会'], lead: true },
  { core: '科技局', lead: true },
  { core: '公安局', lead: true },
  { core: '民政局', lead: true },
  { core: '司法局' },
  { core: '财政局', lead: true },
  { core: '人力社保局', variants: ['人社局', '人力资源和社会保障局'], lead: true },
  { core: '规划自然资源局', variants: ['规划和自然资源局'], lead: true },
  { core: '生态环境局', lead: true },
  { core: '住房城乡建委', variants: ['住建委', '住房和城乡建设委员会'], lead: true },
  { core: '城市管理局', variants: ['城管局'], lead: true },
  { core: '交通运输局', variants: ['交通局'], lead: true },
  { core: '水利局', lead: true },
  { core: '农业农村委', variants: ['农委'], lead: true },
  { core: '商务委', lead: true },
  { core: '文化旅游委', variants: ['文旅委'], lead: true },
  { core: '卫生健康委', variants: ['卫健委'], lead: true },
  { core: '退役军人事务局' },
  { core: '应急管理局', variants: ['应急局'], lead: true },
  { core: '审计局' },
  { core: '国资委' },
  { core: '市场监管局', variants: ['市场监督管理局'], lead: true },
  { core: '统计局' },
  { core: '医保局', variants: ['医疗保障局'] },
  { core: '林业局', lead: true },
  { core: '大数据发展局', lead: true },
  { core: '乡村振兴局', lead: true },
  { core: '税务局' },
  { core: '体育局' },
  { core: '委宣传部' },
  { core: '委组织部' },
  { core: '委政法委', lead: true },
  { core: '政务服务办' },
  { core: '供销合作社' },
  { core: '总工会' },
  { core: '妇联' },
  { core: '残联' },
];

/** Units without a level prefix, written as is. */
function otherUnits(place: Place): string[] {
  const town = place.level === '市' ? '各区（县）人民政府' : '各乡镇（街道）';
  return [
    town,
    place.level === '市' ? '有关区县人民政府' : '有关乡镇（街道）',
    place.level === '市' ? `${place.name.slice(0, -1)}高新区管委会` : '各乡镇人民政府',
    `人民银行${place.short.length > 1 ? place.short : place.name.slice(0, -1)}支行`,
    `国网${place.name}供电公司`,
    `${place.level}城投（集团）有限公司`,
    `${place.level}交通旅游投资集团有限公司`,
  ];
}

interface IndicatorSpec {
  name: string;
  unit: string;
  base: [number, number];
  /** Growth per five years, added to the baseline for each target column. */
  step: [number, number];
  digits: number;
  binding: boolean;
  /** Ceiling (percentages stop at 100). */
  max?: number;
}

interface Topic {
  slug: string;
  /** What the plan is about, for the title: 新型城镇化实施方案. */
  subject: string;
  /** Task group titles (（一）… / 第X章). */
  groups: string[];
  /** Objects of task titles: 加快推进 + 农业转移人口市民化. */
  objects: string[];
  sentences: string[];
  indicators: IndicatorSpec[];
  /** Department cores most likely to lead this topic's tasks. */
  leads: string[];
  upper: string[];
}

const pct = (name: string, base: [number, number], step: [number, number], binding = false): IndicatorSpec => ({
  name,
  unit: '%',
  base,
  step,
  digits: 1,
  binding,
  max: 100,
});

const TOPICS: Topic[] = [
  {
    slug: 'urbanization',
    subject: '新型城镇化',
    groups: [
      '优化城镇化空间格局',
      '推进以县城为重要载体的城镇化建设',
      '促进农业转移人口全面融入城市',
      '提升城市功能品质',
      '推进城镇治理现代化',
      '推动城乡融合发展',
      '完善城镇化发展体制机制',
    ],
    objects: [
      '农业转移人口市民化',
      '县城公共服务设施提标扩面',
      '城镇老旧小区改造',
      '城市地下管网建设',
      '产城融合发展',
      '城乡要素双向流动',
      '城镇住房保障体系',
      '县城市政公用设施提档升级',
      '特色小镇规范发展',
      '户籍制度改革',
    ],
    sentences: [
      '推动县城产业配套设施提质增效、市政公用设施提档升级、公共服务设施提标扩面、环境基础设施提级扩能，增强综合承载能力。',
      '全面放开城镇落户限制，推动未落户常住人口平等享有城镇基本公共服务。',
      '统筹优化城乡、人口、产业功能布局，强化规划刚性约束，加快形成城乡一体、产城融合的发展格局。',
      '建立财政转移支付同农业转移人口市民化挂钩机制，加大对吸纳农业转移人口较多乡镇的支持力度。',
      '持续推进城镇老旧小区改造，同步完善水电气讯等配套设施，推动有条件的小区加装电梯。',
      '健全城镇建设用地增加规模与吸纳农业转移人口落户数量挂钩机制，保障进城落户人口合理用地需求。',
      '推进城市更新行动，统筹做好历史文化保护和城市风貌塑造，打造宜居宜业宜游的高品质生活空间。',
      '建立多主体供给、多渠道保障、租购并举的住房制度，扩大保障性租赁住房供给。',
    ],
    indicators: [
      pct('常住人口城镇化率', [35, 62], [3, 6]),
      pct('城区常住人口占全县常住人口比重', [15, 40], [3, 8]),
      pct('新市民保障性租赁住房覆盖率', [0.5, 5], [1, 3]),
      pct('城市建成区绿化覆盖率', [35, 42], [1, 3], true),
      pct('城镇调查失业率', [4.5, 5.8], [-0.3, 0]),
      pct('政务服务事项全网通办率', [60, 85], [8, 15]),
      { name: '城镇老旧小区改造累计完成数', unit: '个', base: [20, 150], step: [60, 200], digits: 0, binding: true },
    ],
    leads: ['发展改革委', '住房城乡建委', '规划自然资源局', '公安局', '人力社保局'],
    upper: ['国家新型城镇化规划（2021—2035年）', '关于推进以县城为重要载体的城镇化建设的意见'],
  },
  {
    slug: 'rural-revitalization',
    subject: '乡村振兴',
    groups: ['夯实粮食安全基础', '发展壮大乡村产业', '建设宜居宜业和美乡村', '推进乡村治理现代化', '巩固拓展脱贫攻坚成果', '深化农村改革'],
    objects: [
      '高标准农田建设',
      '农产品加工业',
      '农村人居环境整治',
      '农村集体经济',
      '防止返贫动态监测',
      '乡村旅游',
      '农村宅基地制度改革',
      '农村寄递物流体系',
      '农业社会化服务',
      '村级议事协商机制',
    ],
    sentences: [
      '坚决守住耕地红线，严格落实耕地保护责任，坚决遏制耕地“非农化”、防止“非粮化”。',
      '健全防止返贫动态监测和帮扶机制，坚决守住不发生规模性返贫的底线。',
      '延长农业产业链条，加快发展农产品精深加工，培育一批农业产业化龙头企业。',
      '深入实施农村人居环境整治提升五年行动，扎实推进农村厕所革命和生活污水治理。',
      '发展新型农村集体经济，探索资源发包、物业出租、居间服务、资产参股等多种实现形式。',
      '深化农村承包地“三权分置”改革，稳慎推进农村宅基地制度改革试点。',
      '健全党组织领导的自治、法治、德治相结合的乡村治理体系，推广积分制、清单制等治理方式。',
      '完善县乡村三级物流配送体系，推动农村电商和快递物流融合发展。',
    ],
    indicators: [
      { name: '粮食综合生产能力', unit: '万吨', base: [8, 40], step: [0.5, 2], digits: 1, binding: true },
      { name: '高标准农田累计建成面积', unit: '万亩', base: [10, 60], step: [5, 15], digits: 1, binding: true },
      { name: '农产品加工业产值与农业总产值比', unit: '%', base: [80, 200], step: [10, 40], digits: 1, binding: false },
      pct('农村卫生厕所普及率', [70, 92], [4, 8]),
      pct('农村生活污水治理率', [25, 60], [10, 20]),
      { name: '农村居民人均可支配收入', unit: '元', base: [12000, 21000], step: [3500, 7000], digits: 0, binding: false },
    ],
    leads: ['农业农村委', '乡村振兴局', '规划自然资源局', '水利局', '商务委'],
    upper: ['乡村振兴战略规划（2018—2022年）', '中共中央 国务院关于做好2023年全面推进乡村振兴重点工作的意见'],
  },
  {
    slug: 'ecology',
    subject: '生态环境保护',
    groups: ['深入打好蓝天保卫战', '深入打好碧水保卫战', '深入打好净土保卫战', '加强生态系统保护修复', '推动绿色低碳发展', '健全现代环境治理体系'],
    objects: [
      '工业企业大气污染治理',
      '城镇污水处理设施',
      '饮用水水源地保护',
      '土壤污染风险管控',
      '固体废物综合利用',
      '长江十年禁渔',
      '生物多样性保护',
      '碳达峰行动',
      '生态环境分区管控',
      '河长制湖长制',
    ],
    sentences: [
      '实施细颗粒物和臭氧协同控制，加强挥发性有机物和氮氧化物减排。',
      '推进城镇污水管网全覆盖，开展雨污分流改造和管网混错接整治。',
      '全面落实河长制、湖长制，推进河湖“清四乱”常态化规范化。',
      '严格建设用地准入管理，有序推进受污染耕地安全利用和严格管控。',
      '统筹山水林田湖草沙一体化保护和系统治理，实施重要生态系统保护和修复工程。',
      '健全生态环境监测网络，强化生态环境执法监管，严厉打击环境违法行为。',
      '推动能源结构、产业结构、交通运输结构调整，加快形成绿色生产生活方式。',
    ],
    indicators: [
      pct('空气质量优良天数比率', [85, 96], [0.5, 2], true),
      { name: '细颗粒物（PM2.5）年均浓度', unit: '微克/立方米', base: [25, 45], step: [-5, -1], digits: 0, binding: true },
      pct('地表水国控断面水质优良比例', [80, 100], [0, 5], true),
      pct('城市生活污水集中收集率', [55, 75], [5, 10]),
      pct('受污染耕地安全利用率', [90, 94], [1, 3], true),
      pct('森林覆盖率', [40, 70], [0.5, 2], true),
    ],
    leads: ['生态环境局', '水利局', '林业局', '住房城乡建委', '规划自然资源局'],
    upper: ['中共中央 国务院关于深入打好污染防治攻坚战的意见', '“十四五”生态环境保护规划'],
  },
  {
    slug: 'transport',
    subject: '综合交通运输',
    groups: ['构建对外综合运输通道', '完善县域公路网络', '提升运输服务水平', '推进交通绿色智慧发展', '强化交通运输安全保障'],
    objects: [
      '国省干线公路改造',
      '农村公路提质改造',
      '城乡客运一体化',
      '物流枢纽建设',
      '智慧交通',
      '公路安全生命防护工程',
      '港口码头布局',
      '城市公共交通',
      '危桥改造',
      '交邮融合发展',
    ],
    sentences: [
      '加快推进高速公路建设，积极开展铁路规划研究工作，构建内畅外联的综合交通网络。',
      '实施国省干线公路升级改造，全面提升干线公路对工业园区和旅游景区的支撑能力。',
      '深化“四好农村路”建设，推进农村公路提档升级和窄路加宽，完善农村公路管养机制。',
      '优化城乡客运线路，推进城乡公交一体化，提升农村客运服务均等化水平。',
      '推动交通运输与邮政快递融合发展，完善县乡村三级物流配送网络。',
      '在临水临崖、急弯陡坡等路段完善安全防护设施，消除公路安全隐患。',
      '推广应用新能源营运车辆，加快充电基础设施建设，推进交通运输绿色低碳转型。',
    ],
    indicators: [
      pct('普通国道二级及以上公路比例', [55, 85], [4, 10]),
      pct('普通省道三级及以上公路比例', [45, 70], [4, 10]),
      pct('城区公交站点500米覆盖率', [70, 90], [3, 8]),
      pct('建制村通客车率', [95, 100], [0, 2], true),
      { name: '高速公路通车里程', unit: '公里', base: [30, 200], step: [20, 80], digits: 0, binding: false },
      pct('农村公路优良中等路率', [70, 85], [3, 8], true),
    ],
    leads: ['交通运输局', '发展改革委', '规划自然资源局', '公安局', '城市管理局'],
    upper: ['交通强国建设纲要', '国家综合立体交通网规划纲要'],
  },
  {
    slug: 'education',
    subject: '教育高质量发展',
    groups: ['扩大普惠性学前教育资源', '推进义务教育优质均衡发展', '推动普通高中多样化发展', '增强职业教育适应性', '加强教师队伍建设', '深化教育评价改革'],
    objects: [
      '公办幼儿园建设',
      '城镇学校扩容',
      '乡村小规模学校',
      '县域普通高中',
      '产教融合',
      '教师“县管校聘”管理改革',
      '智慧校园',
      '课后服务',
      '学生心理健康',
      '特殊教育',
    ],
    sentences: [
      '新建、改扩建一批公办幼儿园，提高公办园在园幼儿占比和普惠性幼儿园覆盖率。',
      '优化义务教育学校布局，加快消除城镇学校大班额，改善乡村小规模学校办学条件。',
      '推进县域内义务教育学校校长教师交流轮岗，促进优质教育资源均衡配置。',
      '深化产教融合、校企合作，推动职业院校专业设置与县域主导产业精准对接。',
      '全面落实“双减”政策，提升课后服务质量，切实减轻学生过重作业负担。',
      '加强师德师风建设，完善教师培训体系，保障教师工资待遇。',
    ],
    indicators: [
      pct('学前三年毛入园率', [85, 95], [2, 5], true),
      pct('普惠性幼儿园覆盖率', [80, 92], [3, 8]),
      pct('九年义务教育巩固率', [94, 97], [0.5, 2], true),
      pct('高中阶段毛入学率', [88, 95], [1, 4]),
      pct('公办园在园幼儿占比', [40, 55], [3, 10]),
    ],
    leads: ['教委', '人力社保局', '财政局', '发展改革委'],
    upper: ['中国教育现代化2035', '关于深化教育教学改革全面提高义务教育质量的意见'],
  },
  {
    slug: 'health',
    subject: '卫生健康事业发展',
    groups: ['提升公共卫生服务能力', '优化医疗服务体系', '推进中医药传承创新', '加强重点人群健康服务', '深化医药卫生体制改革'],
    objects: [
      '疾病预防控制体系',
      '县域医共体',
      '乡镇卫生院标准化建设',
      '中医药服务',
      '家庭医生签约服务',
      '妇幼健康服务',
      '智慧医疗',
      '医疗卫生人才队伍',
      '公立医院综合改革',
      '爱国卫生运动',
    ],
    sentences: [
      '推动县疾控机构标准化建设，完善监测预警和应急处置体系，提升重大疫情防控救治能力。',
      '深化紧密型县域医疗卫生共同体建设，推动优质医疗资源下沉。',
      '改善乡镇卫生院和村卫生室条件，提升基层医疗卫生机构服务能力。',
      '做实家庭医生签约服务，重点做好老年人、孕产妇、儿童和慢性病患者健康管理。',
      '推进中医药传承创新，实现乡镇卫生院中医馆全覆盖。',
      '推动职称评定和工资待遇向基层卫生专业技术人员倾斜。',
    ],
    indicators: [
      { name: '人均预期寿命', unit: '岁', base: [76, 79], step: [0.5, 1.2], digits: 1, binding: false },
      { name: '每千人口执业（助理）医师数', unit: '人', base: [1.8, 3], step: [0.2, 0.5], digits: 2, binding: false },
      { name: '孕产妇死亡率', unit: '1/10万', base: [8, 16], step: [-3, -1], digits: 1, binding: true },
      pct('重点人群家庭医生签约服务率', [60, 75], [5, 10]),
      pct('乡镇卫生院中医馆覆盖率', [80, 95], [5, 10]),
    ],
    leads: ['卫生健康委', '医保局', '市场监管局', '财政局'],
    upper: ['“健康中国2030”规划纲要', '“十四五”国民健康规划'],
  },
  {
    slug: 'digital-economy',
    subject: '数字经济发展',
    groups: ['夯实数字基础设施', '推动数字产业化', '推进产业数字化转型', '提升数字化治理能力', '营造数字经济发展环境'],
    objects: ['5G网络建设', '数据中心', '工业互联网', '智能制造', '农村电商', '数字政府', '城市运行“一网统管”', '数据要素市场', '数字技能培训', '网络安全保障'],
    sentences: [
      '加快5G网络建设，推进千兆光网向乡镇和重点行政村延伸。',
      '推动规模以上工业企业数字化改造，培育一批智能工厂和数字化车间。',
      '发展农村电商，推动农产品网络销售，支持建设网货生产和产地直播基地。',
      '全面推进政务服务“一网通办”、城市运行“一网统管”，提升政府数字化履职能力。',
      '健全公共数据开放共享机制，推动跨部门、跨层级数据共享和深度利用。',
      '落实网络安全责任制，提升关键信息基础设施安全防护能力。',
    ],
    indicators: [
      pct('数字经济核心产业增加值占地区生产总值比重', [2, 6], [1, 3]),
      { name: '5G基站数', unit: '个', base: [200, 1500], step: [300, 1200], digits: 0, binding: false },
      pct('规模以上工业企业关键工序数控化率', [35, 55], [5, 12]),
      { name: '网络零售额', unit: '亿元', base: [5, 40], step: [3, 20], digits: 1, binding: false },
      pct('政务服务事项网上可办率', [85, 98], [1, 5]),
    ],
    leads: ['经济信息委', '大数据发展局', '商务委', '政务服务办', '科技局'],
    upper: ['“十四五”数字经济发展规划', '关于加强数字政府建设的指导意见'],
  },
  {
    slug: 'elderly-care',
    subject: '养老服务体系建设',
    groups: ['完善基本养老服务体系', '发展社区居家养老服务', '提升机构养老服务质量', '推进医养康养相结合', '壮大养老服务产业'],
    objects: [
      '社区养老服务设施',
      '特困人员供养服务设施',
      '农村互助养老',
      '医养结合机构',
      '养老护理员队伍',
      '适老化改造',
      '长期护理保险',
      '智慧养老',
      '老年教育',
      '银发经济',
    ],
    sentences: [
      '按照每百户不低于20平方米的标准配建社区养老服务设施，推动街道综合养老服务中心全覆盖。',
      '推进特困人员供养服务设施改造提升，提高护理型床位占比。',
      '发展农村互助养老，依托村级组织活动场所建设农村互助养老服务点。',
      '推进医疗卫生与养老服务融合发展，鼓励基层医疗卫生机构与养老机构签约合作。',
      '实施困难老年人家庭适老化改造，改善老年人居家生活环境。',
      '加强养老护理员培训，建立健全养老服务从业人员激励褒扬机制。',
    ],
    indicators: [
      pct('养老机构护理型床位占比', [35, 55], [5, 15], true),
      pct('街道综合养老服务中心覆盖率', [40, 80], [10, 30]),
      { name: '每千名老年人拥有养老床位数', unit: '张', base: [25, 35], step: [2, 6], digits: 1, binding: false },
      pct('特殊困难老年人月探访率', [70, 95], [3, 10]),
      { name: '完成适老化改造困难老年人家庭', unit: '户', base: [100, 800], step: [300, 1200], digits: 0, binding: false },
    ],
    leads: ['民政局', '卫生健康委', '人力社保局', '医保局'],
    upper: ['“十四五”国家老龄事业发展和养老服务体系规划', '关于推进基本养老服务体系建设的意见'],
  },
  {
    slug: 'tourism',
    subject: '文化旅游融合发展',
    groups: ['构建全域旅游发展格局', '丰富文化旅游产品供给', '加强文化遗产保护利用', '完善旅游公共服务', '推进文旅市场主体培育'],
    objects: [
      'A级旅游景区创建',
      '旅游度假区建设',
      '乡村旅游重点村',
      '非物质文化遗产保护',
      '历史文化街区',
      '智慧旅游',
      '旅游集散中心',
      '文创产品开发',
      '旅游民宿',
      '文旅市场监管',
    ],
    sentences: [
      '推进国家A级旅游景区创建提升，打造一批具有区域影响力的精品旅游线路。',
      '加强历史文化街区、传统村落和文物保护利用，推动非物质文化遗产活态传承。',
      '建设旅游集散中心和旅游服务驿站，完善景区停车场、旅游厕所等配套设施。',
      '推动文化和旅游与农业、体育、康养深度融合，培育休闲度假、研学旅行等新业态。',
      '规范发展乡村民宿，建立民宿等级评定和服务质量监管制度。',
      '加强文化和旅游市场综合执法，营造安全、文明、有序的旅游环境。',
    ],
    indicators: [
      { name: '接待游客人次', unit: '万人次', base: [300, 2000], step: [100, 800], digits: 0, binding: false },
      { name: '旅游综合收入', unit: '亿元', base: [20, 180], step: [10, 80], digits: 1, binding: false },
      { name: '国家4A级及以上旅游景区', unit: '个', base: [1, 8], step: [1, 3], digits: 0, binding: false },
      { name: '市级及以上乡村旅游重点村', unit: '个', base: [2, 12], step: [2, 6], digits: 0, binding: false },
    ],
    leads: ['文化旅游委', '商务委', '交通运输局', '农业农村委'],
    upper: ['“十四五”文化和旅游发展规划', '关于推动文化和旅游深度融合发展的实施意见'],
  },
  {
    slug: 'business-environment',
    subject: '优化营商环境',
    groups: ['打造高效便捷的政务环境', '打造公平竞争的市场环境', '打造公正透明的法治环境', '打造开放包容的投资环境', '打造亲清和谐的社会环境'],
    objects: [
      '企业开办',
      '工程建设项目审批制度改革',
      '不动产登记',
      '涉企收费',
      '社会信用体系',
      '公平竞争审查',
      '惠企政策兑现',
      '知识产权保护',
      '“双随机、一公开”监管',
      '政企沟通机制',
    ],
    sentences: [
      '推行企业开办“一网通办”，实现企业开办全流程一日办结。',
      '深化工程建设项目审批制度改革，推行区域评估和告知承诺制。',
      '推进不动产登记、交易和缴税“一窗受理、并行办理”。',
      '全面落实公平竞争审查制度，清理妨碍统一市场和公平竞争的政策措施。',
      '健全以信用为基础的新型监管机制，推行“双随机、一公开”跨部门联合监管。',
      '建立惠企政策“免申即享”机制，推动政策直达快享。',
      '完善政企常态化沟通机制，依法保护民营企业产权和企业家权益。',
    ],
    indicators: [
      { name: '企业开办时间', unit: '个工作日', base: [1, 3], step: [-1, 0], digits: 1, binding: false },
      pct('政务服务事项“一网通办”率', [80, 95], [2, 8]),
      { name: '市场主体总量', unit: '万户', base: [2, 12], step: [0.5, 3], digits: 2, binding: false },
      pct('惠企政策“免申即享”事项占比', [10, 40], [10, 30]),
    ],
    leads: ['政务服务办', '市场监管局', '发展改革委', '司法局', '税务局'],
    upper: ['优化营商环境条例', '关于进一步优化营商环境更好服务市场主体的实施意见'],
  },
  {
    slug: 'safety',
    subject: '安全生产和应急管理',
    groups: ['健全安全生产责任体系', '强化重点行业领域安全整治', '提升防灾减灾救灾能力', '加强应急救援力量建设', '夯实安全发展基层基础'],
    objects: [
      '安全生产责任制',
      '危险化学品安全',
      '道路交通安全',
      '建筑施工安全',
      '地质灾害防治',
      '森林防灭火',
      '城镇燃气安全',
      '应急物资储备',
      '综合应急救援队伍',
      '基层应急能力',
    ],
    sentences: [
      '严格落实党政领导干部安全生产责任制和企业安全生产主体责任，层层压实安全责任。',
      '深入开展危险化学品、矿山、交通运输、建筑施工等重点行业领域安全生产专项整治。',
      '加强地质灾害隐患排查和监测预警，实施避险搬迁和工程治理。',
      '完善应急物资储备体系，建设县级应急物资储备中心和乡镇应急物资储备点。',
      '加强城镇燃气管道老化更新改造，消除燃气安全隐患。',
      '推进乡镇（街道）应急管理能力标准化建设，健全基层应急管理组织体系。',
    ],
    indicators: [
      pct('生产安全事故死亡人数下降率', [5, 15], [5, 15], true),
      { name: '亿元地区生产总值生产安全事故死亡率', unit: '人', base: [0.02, 0.06], step: [-0.02, -0.005], digits: 3, binding: true },
      { name: '每万人口应急避难场所面积', unit: '平方米', base: [1, 2], step: [0.2, 0.8], digits: 2, binding: false },
      pct('地质灾害隐患点专业监测覆盖率', [40, 80], [10, 30]),
    ],
    leads: ['应急管理局', '公安局', '住房城乡建委', '规划自然资源局', '林业局'],
    upper: ['“十四五”国家应急体系规划', '中华人民共和国安全生产法'],
  },
];

/** Sentences any task may borrow: implementation, funding, evaluation. */
const GENERAL_SENTENCES = [
  '建立健全工作推进机制，细化目标任务，明确时间节点，确保各项工作按期推进。',
  '积极争取中央预算内投资和地方政府专项债券支持，引导社会资本参与项目建设。',
  '加强部门协同和上下联动，形成工作合力。',
  '建立项目清单和责任清单，实行清单化管理、项目化推进。',
  '定期开展评估，及时总结推广典型经验和创新做法。',
  '强化要素保障，优先保障重点项目用地、用能和资金需求。',
  '完善配套政策，健全激励约束机制，充分调动各方面积极性。',
  '加强宣传引导，营造全社会共同参与的良好氛围。',
  '探索建立跨区域协同合作机制，推动资源共享、优势互补。',
  '严格落实项目法人责任制、招标投标制、工程监理制和合同管理制。',
  '加强数据共享和信息互通，提升精细化管理水平。',
  '坚持试点先行、以点带面，稳步扩大覆盖范围。',
];

/** Fragments for composed sentences: 〈means〉，〈verb〉〈object〉，〈end〉。 */
const MEANS = [
  '坚持问题导向和目标导向',
  '按照“统筹规划、分步实施”的原则',
  '聚焦薄弱环节和突出短板',
  '以项目化、清单化方式',
  '强化政策集成和部门协同',
  '坚持政府引导、市场运作',
  '立足现有基础',
  '对标先进地区经验做法',
  '坚持城乡统筹、区域协调',
  '围绕群众急难愁盼问题',
  '坚持建管并重',
  '用好改革创新关键一招',
];
const ENDS = [
  '切实提升服务保障水平',
  '形成一批可复制可推广的经验',
  '确保取得实效',
  '不断增强人民群众获得感',
  '推动工作提质增效',
  '为高质量发展提供有力支撑',
  '力争走在全省前列',
  '推动形成长效机制',
  '实现质的有效提升和量的合理增长',
  '补齐短板弱项',
];

const VERBS = ['加快推进', '全面推进', '持续完善', '着力提升', '深入实施', '积极推动', '统筹推进', '大力发展', '健全完善', '扎实推进'];

const PRINCIPLES = [
  ['坚持党的领导，把握正确方向', '坚持和加强党的全面领导，把党的领导贯穿工作全过程和各领域各环节。'],
  ['坚持以人为本，共建共享', '坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，让发展成果更多更公平惠及全体人民。'],
  ['坚持改革创新，激发活力', '坚持向改革要动力、向创新要活力，破除体制机制障碍，增强发展内生动力。'],
  ['坚持统筹兼顾，系统推进', '统筹发展和安全，统筹当前和长远，注重系统性、整体性、协同性。'],
  ['坚持因地制宜，分类施策', '立足资源禀赋和发展基础，突出地方特色，分类指导、精准施策。'],
  ['坚持绿色发展，生态优先', '牢固树立绿水青山就是金山银山理念，推动经济社会发展全面绿色转型。'],
];

const SAFEGUARDS = [
  ['加强组织领导', '成立由{level}政府主要领导任组长、分管领导任副组长的工作领导小组，领导小组办公室设在{office}，负责统筹协调、督促检查等日常工作。'],
  ['强化统筹协调', '各牵头单位要立足自身职责，细化落实方案，精准推进各项目标任务；各责任单位要主动配合，形成推进合力。'],
  ['强化要素保障', '统筹用好各级各类资金，强化用地、用能、人才等要素保障，确保重点项目顺利实施。'],
  ['强化督查考核', '建立季度监测、半年督导、年度评估的跟踪机制，将目标任务完成情况纳入年度目标考核，对工作推进不力的予以通报。'],
  ['加强宣传引导', '充分利用广播电视、报刊、网络等媒体，广泛宣传政策措施和典型经验，营造良好社会氛围。'],
];

// --- a document's own vocabulary -------------------------------------------------------------------

/** One department of one document, with the spelling the document uses (县 + 委宣传部 = 县委宣传部). */
function departmentName(rng: Random, place: Place, core: string, variants: string[] | undefined): string {
  // Now and then an abbreviation or full form instead of the usual name, so alias folding is exercised.
  const spelled = variants && rng.chance(0.15) ? rng.pick(variants) : core;
  return `${place.level}${spelled}`;
}

interface Assignment {
  lead: string[];
  responsible: string[];
}

type ClauseStyle = 'standard' | 'hexagon' | 'lead-support' | 'halfwidth' | 'line' | 'sole' | 'dept-labels' | 'none';

function clauseText(style: ClauseStyle, a: Assignment, tail: boolean): string {
  const join = (xs: string[]) => xs.join('、');
  const resp = tail && a.responsible.length > 1 ? `${join(a.responsible)}等部门（单位）` : join(a.responsible);
  switch (style) {
    case 'standard':
      return `（牵头单位：${join(a.lead)}；责任单位：${resp}）`;
    case 'hexagon':
      return `〔牵头单位：${join(a.lead)}；责任单位：${resp}〕`;
    case 'lead-support':
      return `（${join(a.lead)}牵头，${join(a.responsible)}配合）`;
    case 'halfwidth':
      return `(牵头单位:${join(a.lead)};责任单位:${join(a.responsible)})`;
    case 'line':
      return `\n责任单位：${[...a.lead, ...a.responsible].join('，')}`;
    case 'sole':
      return `（${a.lead[0]}负责）`;
    case 'dept-labels':
      return `（牵头部门：${join(a.lead)}；协同单位：${join(a.responsible)}）`;
    case 'none':
      return '';
  }
}

// --- one document -------------------------------------------------------------------------------

interface GeneratedTask {
  number: string;
  title: string;
  clause: ClauseStyle;
  lead: string[];
  responsible: string[];
}

interface ManifestEntry {
  file: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le';
  lineEnding: 'lf' | 'crlf';
  format: 'text' | 'markdown';
  shape: Shape;
  title: string;
  issuer: string;
  docNumber: string;
  date: string;
  bytes: number;
  declaredTasks: number | null;
  indicators: number;
  tasks: GeneratedTask[];
}

type Shape = 'implementation-plan' | 'chapter-plan' | 'notice' | 'markdown-plan';

interface Indicator {
  name: string;
  unit: string;
  attribute: string;
  cells: string[];
}

function indicatorRows(rng: Random, topic: Topic, years: number[]): Indicator[] {
  const specs = rng.sample(topic.indicators, rng.int(Math.min(4, topic.indicators.length), topic.indicators.length));
  return specs.map((spec) => {
    const base = rng.decimal(spec.base[0], spec.base[1], spec.digits);
    const cells: string[] = [];
    let value = base;
    const baseCell = rng.chance(0.08) ? '—' : String(base);
    cells.push(baseCell);
    for (let k = 1; k < years.length; k++) {
      value = rng.decimal(value + spec.step[0], value + spec.step[1], spec.digits);
      if (spec.max !== undefined) value = Math.min(value, spec.max);
      const sign = spec.step[1] <= 0 ? '≤' : rng.chance(0.15) ? '≥' : '';
      cells.push(`${sign}${value}`);
    }
    return { name: spec.name, unit: spec.unit, attribute: spec.binding ? '约束性' : '预期性', cells };
  });
}

type TableLayout = 'cell-per-line' | 'tab-rows' | 'space-rows' | 'pipe';

function renderTable(layout: TableLayout, title: string, years: number[], rows: Indicator[], unitColumn: boolean): string {
  const header = ['序号', '指标', ...(unitColumn ? ['单位'] : []), `${years[0]}年${unitColumn ? '' : '基数'}`, ...years.slice(1).map((y) => `${y}年`), '属性'];
  const body = rows.map((r, i) => [
    String(i + 1),
    unitColumn ? r.name : `${r.name}（${r.unit === '%' ? '％' : r.unit}）`,
    ...(unitColumn ? [r.unit] : []),
    ...r.cells,
    r.attribute,
  ]);
  switch (layout) {
    case 'cell-per-line':
      return [title, ...[header, ...body].map((row) => row.map((c) => `\t${c}`).join('\n'))].join('\n\n');
    case 'tab-rows':
      return [title, ...[header, ...body].map((row) => row.join('\t'))].join('\n');
    case 'space-rows': {
      const width = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
      const cols = header.map((_, k) => Math.max(...[header, ...body].map((r) => width(r[k]))) + 2);
      const pad = (row: string[]) => row.map((c, k) => (k === row.length - 1 ? c : c + ' '.repeat(cols[k] - width(c)))).join('');
      return [title, '', ...[header, ...body].map(pad)].join('\n');
    }
    case 'pipe':
      return [
        `### ${title}`,
        '',
        `| ${header.join(' | ')} |`,
        `| ${header.map(() => '---').join(' | ')} |`,
        ...body.map((row) => `| ${row.join(' | ')} |`),
      ].join('\n');
  }
}

class DocumentWriter {
  private readonly lines: string[] = [];
  private chars = 0;
  add(...lines: string[]): void {
    for (const l of lines) {
      this.lines.push(l);
      this.chars += l.length + 1;
    }
  }
  get length(): number {
    return this.chars;
  }
  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

function generate(
  index: number,
  seed: string,
  targetChars: number,
  allowMarkdown: boolean,
): { text: string; entry: Omit<ManifestEntry, 'bytes' | 'file' | 'encoding' | 'lineEnding'> } {
  const rng = new Random(hash32(`${seed}:${index}`));
  const place = rng.pick(PLACES);
  const topic = rng.pick(TOPICS);
  const shapes: Shape[] = ['implementation-plan', 'implementation-plan', 'chapter-plan', 'notice', 'markdown-plan'];
  const shape: Shape = rng.pick(allowMarkdown ? shapes : shapes.slice(0, -1));
  const L = place.level;

  const year = rng.int(2019, 2024);
  const date: DateParts = { year, month: rng.int(1, 12), day: rng.int(1, 28) };
  const isoDate = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  const officeIssuer = rng.chance(0.5);
  const govName = `${place.name}人民政府`;
  const issuer = officeIssuer ? `${govName}办公室` : govName;
  const docNumber = `${place.short}${officeIssuer ? '府办发' : '府发'}〔${year}〕${rng.int(1, 160)}号`;
  const start = year - rng.int(0, 2);
  const end = rng.pick([start + 4, 2025, 2030, 2035].filter((e) => e > start));
  const kind = shape === 'chapter-plan' ? '规划' : shape === 'notice' ? '通知' : rng.pick(['实施方案', '行动计划', '工作方案']);
  const period = `（${start}—${end}年）`;
  const planTitle = shape === 'notice' ? `关于加快推进${topic.subject}工作的通知` : `${place.name}${topic.subject}${kind === '规划' ? '规划' : kind}${period}`;

  // Departments of this document: one spelling each, lead-capable first.
  const cores = rng.sample(DEPARTMENTS, rng.int(16, 26));
  for (const c of topic.leads) {
    const d = DEPARTMENTS.find((x) => x.core === c);
    if (d && !cores.includes(d)) cores.push(d);
  }
  const names = new Map(cores.map((d) => [d.core, departmentName(rng, place, d.core, d.variants)]));
  const leadPool = [...topic.leads.map((c) => names.get(c)!), ...cores.filter((d) => d.lead).map((d) => names.get(d.core)!)];
  const supportPool = [...new Set([...cores.map((d) => names.get(d.core)!), ...otherUnits(place)])];
  const office = names.get(topic.leads[0])!;

  const docClause: ClauseStyle = rng.pick<ClauseStyle>(['standard', 'standard', 'standard', 'hexagon', 'lead-support', 'halfwidth', 'dept-labels']);
  const taskLabel =
    shape === 'markdown-plan'
      ? (n: number) => `${n}. `
      : rng.pick([(n: number) => `${n}. `, (n: number) => `${n}.`, (n: number) => `${n}．`, (n: number) => `${n}、`]);

  const md = shape === 'markdown-plan';
  const w = new DocumentWriter();
  const heading = (level: number, text: string) => (md ? `${'#'.repeat(level)} ${text}` : text);

  // Header block.
  if (md) {
    w.add(`# ${planTitle}`, '', issuer, '', docNumber, '', formatDate(date, false), '');
  } else if (shape === 'notice') {
    w.add(issuer, planTitle, '', docNumber, '', `各乡镇人民政府、街道办事处，${L}政府各部门，有关单位：`, '');
  } else {
    w.add(issuer, '', `关于印发${planTitle}的通知`, '', docNumber, '', `各乡镇人民政府、街道办事处，${L}政府各部门，有关单位：`, '');
    w.add(
      `现将《${planTitle}》印发给你们，请认真贯彻执行。`,
      '',
      `${' '.repeat(38)}${issuer}`,
      '',
      `${' '.repeat(30)}${formatDate(date, rng.chance(0.2))}`,
      '',
      '（此件公开发布）',
      '',
      planTitle.replace(period, ''),
      period,
    );
  }
  const upper = rng.pick(topic.upper);
  w.add(
    `为深入贯彻落实《${upper}》和《${place.province}${topic.subject}${rng.pick(['实施意见', '三年行动方案', '“十四五”规划'])}》，结合${place.name.slice(-1) === '市' ? '我市' : place.level === '区' ? '我区' : '我县'}实际，${shape === 'notice' ? '经研究，现就有关事项通知如下。' : shape === 'chapter-plan' ? '编制本规划。' : kind === '行动计划' ? '制定本行动计划。' : '制定本方案。'}`,
    '',
  );

  const tasks: GeneratedTask[] = [];
  let indicatorCount = 0;
  let taskNo = 0;
  let outline = 0;
  const cn = (n: number) => `${cnNumber(n)}、`;

  /** 〈means〉，〈verb〉〈object〉，〈end〉。 */
  const composed = (): string => `${rng.pick(MEANS)}，${rng.pick(VERBS)}${rng.pick(topic.objects)}，${rng.pick(ENDS)}。`;

  /** A quantitative target in prose, with one of the usual comparator phrasings. */
  const proseTarget = (): string => {
    const spec = rng.pick(topic.indicators);
    const falling = spec.step[1] <= 0;
    let v = rng.decimal(spec.base[0] + spec.step[0], spec.base[1] + spec.step[1], spec.digits);
    if (spec.max !== undefined) v = Math.min(v, spec.max);
    const phrase = falling
      ? rng.pick([`控制在${v}${spec.unit}以内`, `下降到${v}${spec.unit}`, `不高于${v}${spec.unit}`])
      : rng.pick([`达到${v}${spec.unit}`, `达${v}${spec.unit}以上`, `不低于${v}${spec.unit}`, `达到${v}${spec.unit}左右`]);
    return `到${rng.pick([end, 2025, 2027].filter((y) => y >= start))}年，${spec.name}${phrase}。`;
  };

  /** One task paragraph with its clause. */
  const task = (): string => {
    taskNo++;
    const title = `${rng.pick(VERBS)}${rng.pick(topic.objects)}`;
    const sentences = [
      ...rng.sample(topic.sentences, rng.int(3, 5)),
      ...Array.from({ length: rng.int(3, 5) }, () => composed()),
      ...rng.sample(GENERAL_SENTENCES, rng.int(1, 2)),
    ];
    if (rng.chance(0.35)) sentences.push(proseTarget());
    let style: ClauseStyle = rng.chance(0.03) ? 'none' : rng.chance(0.1) ? rng.pick<ClauseStyle>(['line', 'sole', 'lead-support']) : docClause;
    const lead = rng.sample([...new Set(leadPool)], style === 'sole' ? 1 : rng.int(1, 3));
    const responsible =
      style === 'sole'
        ? []
        : rng.sample(
            supportPool.filter((n) => !lead.includes(n)),
            rng.int(1, 5),
          );
    if (style === 'line' && responsible.length === 0) style = 'standard';
    const clause = clauseText(style, { lead, responsible }, rng.chance(0.1));
    const written =
      style === 'none'
        ? { lead: [], responsible: [] }
        : style === 'line'
          ? { lead: [], responsible: [...lead, ...responsible] }
          : style === 'sole'
            ? { lead, responsible: [] }
            : { lead, responsible };
    tasks.push({ number: String(taskNo), title, clause: style, ...written });
    return `${taskLabel(taskNo)}${title}。${sentences.join('')}${clause}`;
  };

  // 发展基础 (plans only), 一、指导思想 / 基本原则.
  if (shape === 'chapter-plan') {
    w.add(`第${cnNumber(++outline)}章 发展基础`, '', '第一节 发展成效', '');
    for (let k = 0; k < rng.int(2, 4); k++) w.add(Array.from({ length: rng.int(3, 5) }, () => composed()).join(''), '');
    w.add('第二节 面临形势', '', Array.from({ length: rng.int(3, 6) }, () => composed()).join(''), '');
  }
  if (shape !== 'notice') {
    if (shape === 'chapter-plan') {
      w.add(`第${cnNumber(++outline)}章 总体要求`, '', '第一节 指导思想', '');
    } else {
      w.add(heading(2, `${cn(++outline)}指导思想`), '');
    }
    w.add(
      `以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，完整、准确、全面贯彻新发展理念，立足${place.name}发展实际，以推动高质量发展为主题，统筹发展和安全，加快推进${topic.subject}，为全面建设社会主义现代化${place.level === '市' ? '城市' : '县域'}提供有力支撑。`,
      '',
    );
    if (shape === 'chapter-plan') w.add('第二节 基本原则', '');
    else w.add(heading(2, `${cn(++outline)}基本原则`), '');
    const principles = rng.sample(PRINCIPLES, rng.int(3, 5));
    const items = principles.map(([t, body], k) => `（${cnNumber(k + 1)}）${t}。${body}`);
    if (md && rng.chance(0.5)) w.add(items.join(''), '');
    else for (const it of items) w.add(it, '');
  }

  // 主要目标 with prose targets and an indicator table.
  const multiYear = shape === 'chapter-plan' && end >= 2030;
  const years = multiYear ? [start, 2025, 2030, 2035].filter((y, k) => k === 0 || y > start) : [start, end];
  const rows = indicatorRows(rng, topic, years);
  indicatorCount = rows.length;
  const goalHead = shape === 'chapter-plan' ? '第三节 发展目标' : heading(2, `${cn(++outline)}${shape === 'notice' ? '工作目标' : '主要目标'}`);
  w.add(goalHead, '');
  const goals = rows
    .filter((r) => r.cells[r.cells.length - 1] !== '—')
    .slice(0, 3)
    .map((r) => {
      const last = r.cells[1].replace(/^[≥≤]/, '');
      const verb = r.cells[1].startsWith('≤') ? rng.pick(['控制在', '下降到']) : rng.pick(['达到', '达', '提高到']);
      return `${r.name}${verb}${last}${r.unit}${r.cells[1].startsWith('≥') ? '以上' : r.cells[1].startsWith('≤') ? '以内' : ''}`;
    });
  w.add(`到${years[1]}年，${topic.subject}取得明显成效，${goals.join('，')}，群众获得感、幸福感、安全感进一步增强。`, '');
  const layout: TableLayout = md ? 'pipe' : rng.pick<TableLayout>(['cell-per-line', 'tab-rows', 'space-rows']);
  w.add(renderTable(layout, `${place.name}${topic.subject}主要指标`, years, rows, rng.chance(0.4)), '');

  // 重点任务: groups of tasks until the document reaches its size.
  const taskChunks: string[][] = [];
  const groups = rng.sample(topic.groups, topic.groups.length);
  const safeguardChars = 900;
  let budget = targetChars - w.length - safeguardChars;
  let g = 0;
  while (budget > 0 || taskNo < 3) {
    // Past the topic's own groups, compose more (a long plan has more parts than the bank).
    const groupTitle = g < groups.length ? groups[g] : `${rng.pick(VERBS)}${rng.pick(topic.objects)}`;
    const chunk: string[] = [];
    const nTasks = rng.int(2, 5);
    for (let k = 0; k < nTasks && (budget > 0 || taskNo < 3); k++) {
      const t = task();
      chunk.push(t);
      budget -= t.length + 2;
    }
    taskChunks.push([groupTitle, ...chunk]);
    g++;
  }
  const declaredWrong = rng.chance(0.05);
  const off = rng.pick([-2, -1, 1, 2]);
  const declared = declaredWrong ? (taskNo + off >= 1 ? taskNo + off : taskNo + 1) : taskNo;
  if (shape === 'chapter-plan') {
    w.add(`本规划共部署${declared}项重点任务。`, '');
    let box = 0;
    taskChunks.forEach(([groupTitle, ...chunk], k) => {
      w.add(`第${cnNumber(++outline)}章 ${groupTitle}`, '');
      const half = Math.ceil(chunk.length / 2);
      [chunk.slice(0, half), chunk.slice(half)].forEach((part, s) => {
        if (part.length === 0) return;
        w.add(`第${cnNumber(s + 1)}节 ${rng.pick(VERBS)}${rng.pick(topic.objects)}`, '');
        for (const t of part) w.add(t, '');
      });
      if (k % 2 === 0) {
        w.add(`专栏${++box} ${rng.pick(topic.objects)}重点工程`);
        for (let p = 1; p <= rng.int(2, 4); p++) {
          w.add(`0${p} ${rng.pick(topic.objects)}工程：${rng.pick(topic.sentences)}`);
        }
        w.add('');
      }
    });
    w.add(`第${cnNumber(++outline)}章 保障措施`, '');
  } else {
    w.add(heading(2, `${cn(++outline)}重点任务`), '');
    w.add(rng.chance(0.5) ? `重点实施以下${declared}项重点任务。` : `为确保目标任务顺利完成，重点抓好${cnNumber(declared)}项重点工作。`, '');
    taskChunks.forEach(([groupTitle, ...chunk], k) => {
      w.add(md ? `### （${cnNumber(k + 1)}）${groupTitle}` : `（${cnNumber(k + 1)}）${groupTitle}。`, '');
      // Text plans sometimes run tasks together without blank lines, as the bundled plan does.
      for (const t of chunk) {
        w.add(t);
        if (md || rng.chance(0.6)) w.add('');
      }
    });
    w.add(heading(2, `${cn(++outline)}${shape === 'notice' ? '工作要求' : '保障措施'}`), '');
  }
  const safeguards = rng.sample(SAFEGUARDS, rng.int(3, 5));
  safeguards.forEach(([t, body], k) => {
    const text = body.replace('{level}', L).replace('{office}', office);
    if (shape === 'chapter-plan') w.add(`第${cnNumber(k + 1)}节 ${t}`, '', text, '');
    else w.add(`（${cnNumber(k + 1)}）${t}。${text}`, '');
  });
  if (shape === 'notice') {
    w.add(`${' '.repeat(38)}${issuer}`, `${' '.repeat(30)}${formatDate(date, rng.chance(0.3))}`, '', '（此件公开发布）');
  }

  return {
    text: w.text(),
    entry: {
      format: md ? 'markdown' : 'text',
      shape,
      title: planTitle,
      issuer,
      docNumber,
      date: isoDate,
      declaredTasks: declared,
      indicators: indicatorCount,
      tasks,
    },
  };
}

// --- bytes and files ----------------------------------------------------------------------------

type Encoding = ManifestEntry['encoding'];

/**
 * Encoding by position, so every sample of 50 has each: 4% GB18030 + CRLF, 2% UTF-16LE with BOM
 * + CRLF, 4% UTF-8 with BOM, the rest plain UTF-8 (Markdown documents are always plain UTF-8).
 */
function encodingFor(index: number): Encoding {
  const slot = index % 50;
  if (slot === 5 || slot === 30) return 'gb18030';
  if (slot === 10) return 'utf-16le';
  if (slot === 15 || slot === 40) return 'utf-8-bom';
  return 'utf-8';
}

function encode(text: string, encoding: Encoding): { bytes: Buffer; lineEnding: ManifestEntry['lineEnding'] } {
  const crlf = text.replace(/\n/g, '\r\n');
  switch (encoding) {
    case 'gb18030':
      return { bytes: iconv.encode(crlf, 'gb18030'), lineEnding: 'crlf' };
    case 'utf-16le':
      return { bytes: iconv.encode(crlf, 'utf-16le', { addBOM: true }), lineEnding: 'crlf' };
    case 'utf-8-bom':
      return { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), lineEnding: 'lf' };
    case 'utf-8':
      return { bytes: Buffer.from(text, 'utf8'), lineEnding: 'lf' };
  }
}

export interface ScaleCorpusOptions {
  /** Number of documents. Default 1000. */
  count?: number;
  /** Output folder. Default `.bench/scale-corpus`. */
  out?: string;
  /** PRNG seed; the same seed gives the same bytes. Default `1`. */
  seed?: string;
  /** Mean document size in bytes (UTF-8), ±40%. Default 40,000. */
  meanBytes?: number;
}

export interface ScaleCorpusResult {
  count: number;
  bytes: number;
  dir: string;
  manifest: string;
}

const GENERATED = /^\d{4,}-[a-z-]+\.(txt|md)$/;

/** Generate the corpus; returns what was written. Prints nothing. */
export function makeScaleCorpus(options: ScaleCorpusOptions = {}): ScaleCorpusResult {
  const count = options.count ?? 1000;
  const dir = path.resolve(options.out ?? '.bench/scale-corpus');
  const seed = options.seed ?? '1';
  const meanBytes = options.meanBytes ?? 40_000;
  mkdirSync(dir, { recursive: true });
  // Remove files of an earlier run (only ours), so a smaller --count leaves no strays.
  for (const f of readdirSync(dir)) if (GENERATED.test(f)) rmSync(path.join(dir, f));

  const width = Math.max(4, String(count).length);
  const entries: ManifestEntry[] = [];
  let total = 0;
  for (let i = 1; i <= count; i++) {
    const rng = new Random(hash32(`${seed}:size:${i}`));
    // UTF-8 CJK is 3 bytes a character, digits and spaces 1: about 2.8 on average. Mean ±40%.
    const targetChars = Math.round((meanBytes * rng.decimal(0.6, 1.4, 3)) / 2.8);
    const encoding = encodingFor(i);
    const { text, entry } = generate(i, seed, targetChars, encoding === 'utf-8');
    const { bytes, lineEnding } = encode(text, encoding);
    const slug = TOPICS.find((t) => entry.title.includes(t.subject))?.slug ?? 'plan';
    const file = `${String(i).padStart(width, '0')}-${slug}.${entry.format === 'markdown' ? 'md' : 'txt'}`;
    writeFileSync(path.join(dir, file), bytes);
    total += bytes.length;
    entries.push({ file, encoding, lineEnding, bytes: bytes.length, ...entry });
  }
  const manifest = `${dir.replace(/[\\/]+$/, '')}.manifest.json`;
  // One document a line: greppable, and a third of the size of indented JSON.
  const head = JSON.stringify({ seed, count, bytes: total }).slice(0, -1);
  writeFileSync(manifest, `${head},"documents":[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`);
  return { count, bytes: total, dir, manifest };
}

// --- command line -------------------------------------------------------------------------------

function main(): void {
  let values: { count?: string; out?: string; seed?: string; 'mean-kb'?: string };
  try {
    ({ values } = parseArgs({
      options: { count: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, 'mean-kb': { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const count = values.count === undefined ? 1000 : Number(values.count);
  if (!Number.isInteger(count) || count < 1) fail(`--count must be a positive integer, got "${values.count}"`);
  const meanKb = values['mean-kb'] === undefined ? 40 : Number(values['mean-kb']);
  if (!Number.isFinite(meanKb) || meanKb < 2) fail(`--mean-kb must be a number of at least 2, got "${values['mean-kb']}"`);
  const started = performance.now();
  const result = makeScaleCorpus({ count, out: values.out, seed: values.seed, meanBytes: meanKb * 1000 });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `wrote ${result.count} documents, ${(result.bytes / 1e6).toFixed(1)} MB, in ${seconds.toFixed(1)} s → ${path.relative(process.cwd(), result.dir) || '.'} (manifest: ${path.relative(process.cwd(), result.manifest)})`,
  );
}

function fail(message: string): never {
  console.error(`make-scale-corpus: ${message}`);
  process.exit(1);
}

// Run when executed as a script; importing (e.g. from a benchmark) only exposes makeScaleCorpus.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
