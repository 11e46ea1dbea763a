import type { Role } from '../domain/actor.js';
import type { OrganizationInput } from '../domain/organization.js';
import type { ProductInput } from '../domain/product.js';
import type { VillageInput } from '../domain/village.js';

/**
 * Demo data drawn from three programme documents: the 成都 pilot of 社会组织集成攻坚扶贫 around 简阳市
 * (四川省脱贫攻坚简报2019年第15期), the 清水县 pairing plan (清民发〔2020〕103号) and the 广元市利州区
 * report on 精准扶贫 (2016). Household counts, sales and prices are realistic but invented unless noted.
 */

export interface DemoVillage {
  ref: string;
  input: VillageInput;
  targets: { year: number; perCapitaIncomeIncreaseFen: number; salesGrowthBps: number };
  products: Array<{ ref: string; input: ProductInput }>;
}

export interface DemoOrganization {
  ref: string;
  input: OrganizationInput;
  pairedVillageRefs: string[];
}

export interface DemoAccount {
  ref: string;
  role: Role;
  displayName: string;
  displayNameEn: string;
  villageRef?: string;
  organizationRef?: string;
}

const BASELINE_YEAR = 2025;
const TARGET_YEAR = 2026;

/** The pilot's reported outcome: +¥1,200 per capita and +15% sales. */
const JIANYANG_TARGETS = { year: TARGET_YEAR, perCapitaIncomeIncreaseFen: 120_000, salesGrowthBps: 1_500 };
const QINGSHUI_TARGETS = { year: TARGET_YEAR, perCapitaIncomeIncreaseFen: 100_000, salesGrowthBps: 2_000 };
const LIZHOU_TARGETS = { year: TARGET_YEAR, perCapitaIncomeIncreaseFen: 90_000, salesGrowthBps: 1_200 };

const JIANYANG = { province: '四川省', city: '成都市', county: '简阳市' } as const;
const QINGSHUI = { province: '甘肃省', city: '天水市', county: '清水县' } as const;
const LIZHOU = { province: '四川省', city: '广元市', county: '利州区' } as const;

// The 简阳 pilot villages share the programme's products; these build them with the village named in the text.

function pilotChicken(v: string, vEn: string, priceFen: number, stock: number): ProductInput {
  return {
    name: '林下散养土鸡',
    nameEn: 'Forest-range chicken',
    category: 'poultry',
    unit: '只',
    priceFen,
    stock,
    harvestWindow: null,
    description: `${v}农户用成都市家禽产业协会发放的鸡苗林下散养，出栏不少于180天，协会保价回购。`,
    descriptionEn: `Raised under the trees by ${vEn} households from chicks supplied by the Chengdu Poultry Industry Association, at least 180 days old; the association guarantees a buy-back price.`,
  };
}

function pilotEggs(v: string, vEn: string, priceFen: number, stock: number): ProductInput {
  return {
    name: '土鸡蛋（30枚装）',
    nameEn: 'Free-range eggs, box of 30',
    category: 'poultry',
    unit: '盒',
    priceFen,
    stock,
    harvestWindow: null,
    description: `${v}散养土鸡所产鸡蛋，每周两次集中收蛋、分拣装盒。`,
    descriptionEn: `Eggs from free-range hens in ${vEn}, collected twice a week and boxed after sorting.`,
  };
}

function pilotCrayfish(v: string, vEn: string, priceFen: number, stock: number): ProductInput {
  return {
    name: '稻田小龙虾',
    nameEn: 'Rice-paddy crayfish',
    category: 'aquatic',
    unit: '斤',
    priceFen,
    stock,
    harvestWindow: { start: '05-01', end: '09-30' },
    description: `${v}稻虾共养，鲜活捕捞当天冷链发往成都。`,
    descriptionEn: `Crayfish farmed in ${vEn} rice paddies, caught live and sent to Chengdu by cold chain the same day.`,
  };
}

function pilotPeanuts(v: string, vEn: string, priceFen: number, stock: number): ProductInput {
  return {
    name: '红皮花生',
    nameEn: 'Red-skin peanuts',
    category: 'grain_oil',
    unit: '斤',
    priceFen,
    stock,
    harvestWindow: { start: '09-01', end: '10-31' },
    description: `${v}丘陵坡地种植的红皮花生，晒干带壳出售。`,
    descriptionEn: `Red-skin peanuts grown on the hill slopes of ${vEn}, sold sun-dried in the shell.`,
  };
}

function pilotWalnuts(v: string, vEn: string, priceFen: number, stock: number): ProductInput {
  return {
    name: '薄壳核桃',
    nameEn: 'Thin-shell walnuts',
    category: 'nuts',
    unit: '斤',
    priceFen,
    stock,
    harvestWindow: { start: '09-01', end: '10-15' },
    description: `${v}农户房前屋后的核桃树所产，手捏可开。`,
    descriptionEn: `From the walnut trees around ${vEn} farmhouses; the shells crack by hand.`,
  };
}

function pilotPlums(v: string, vEn: string, priceFen: number, stock: number): ProductInput {
  return {
    name: '脆红李',
    nameEn: 'Crisp red plums',
    category: 'fruit',
    unit: '斤',
    priceFen,
    stock,
    harvestWindow: { start: '06-20', end: '08-10' },
    description: `${v}试点期间种下的脆红李，果肉脆甜，树上挂红后采摘。`,
    descriptionEn: `Crisp red plums from trees ${vEn} planted during the pilot, picked once red on the branch.`,
  };
}

function pilotStory(v: string, extra: string): string {
  return `${v}是成都市社会组织集成攻坚扶贫的10个试点村之一。成都市家禽产业协会向试点村贫困户发放鸡苗、免费培训土鸡养殖，并提供保价回购和代销代购服务。${extra}`;
}

function pilotStoryEn(vEn: string, extra: string): string {
  return `${vEn} is one of the ten pilot villages of Chengdu's integrated social-organisation poverty-relief model. The Chengdu Poultry Industry Association gave poor households chicks and free training in raising free-range chickens, and buys back at a guaranteed price or sells on their behalf. ${extra}`;
}

const pilotVillages: DemoVillage[] = [
  {
    ref: 'tudiao',
    input: {
      ...JIANYANG,
      name: '土地坳村',
      nameEn: 'Tudiao Village',
      // The source names the village but not its township.
      township: '禾丰镇',
      story:
        '土地坳村是成都市社会组织集成攻坚扶贫模式的首批试点村。成都市家禽产业协会实施“送鸡苗教技术助增收”项目，向试点村贫困户发放鸡苗并提供保价回购、代销代购服务，村里还种下了脆红李。试点村农副产品销量同比增长约15%，10个试点村900余户贫困群众人均增收1200余元。',
      storyEn:
        'Tudiao is one of the first pilot villages of Chengdu\'s integrated social-organisation poverty-relief model. Under the Chengdu Poultry Industry Association\'s "chicks, skills and income" project, poor households received chicks, with a guaranteed buy-back price and sales on their behalf, and the village planted crisp red plums. Produce sales across the pilot villages rose by about 15% year on year, and more than 900 poor households gained over ¥1,200 per person.',
      households: 612,
      povertyHouseholds: 112,
      population: 2031,
      // Sized so that the reported outcome (+15% sales, +¥1,200 per person from the households' share) is
      // reachable: ¥1,200 × 2,031 people is ¥2.44 million a year reaching households (shared/demo/demo-history.ts).
      baseline: { year: BASELINE_YEAR, salesFen: 222_500_000, perCapitaIncomeFen: 1_320_000 },
    },
    targets: JIANYANG_TARGETS,
    products: [
      {
        ref: 'tudiao-chicken',
        input: {
          name: '土地坳土鸡',
          nameEn: 'Tudiao free-range chicken',
          category: 'poultry',
          unit: '只',
          priceFen: 16_800,
          stock: 420,
          harvestWindow: null,
          description: '标准化林下生态养殖示范园散养，出栏不少于180天，整只宰杀真空冷链配送，约3斤一只。',
          descriptionEn:
            'Free-range in the village\'s standard woodland poultry demonstration park, at least 180 days old; slaughtered whole, vacuum-packed and delivered by cold chain, about 1.5 kg each.',
        },
      },
      {
        ref: 'tudiao-plums',
        input: {
          name: '脆红李',
          nameEn: 'Crisp red plums',
          category: 'fruit',
          unit: '斤',
          priceFen: 1_200,
          stock: 3_000,
          harvestWindow: { start: '06-20', end: '08-10' },
          description: '试点带动种植的脆红李，个大皮薄，口感脆甜，5斤起发。',
          descriptionEn: 'Crisp red plums from the orchards the pilot helped plant: large, thin-skinned, crunchy and sweet. Ships from 5 jin.',
        },
      },
      { ref: 'tudiao-eggs', input: pilotEggs('土地坳村', 'Tudiao', 5_800, 260) },
    ],
  },
  // Only 土地坳村 is named in the source; the other nine pilot villages are plausible stand-ins.
  {
    ref: 'qinggang',
    input: {
      ...JIANYANG,
      name: '青岗村',
      nameEn: 'Qinggang Village',
      township: '养马镇',
      story: pilotStory('青岗村', '村里利用低洼稻田发展稻虾共养，小龙虾通过城乡社区互助联盟销往成都。'),
      storyEn: pilotStoryEn('Qinggang', 'The village farms crayfish in its low-lying rice paddies and sells them in Chengdu through the urban-rural community mutual-aid alliance.'),
      households: 538,
      povertyHouseholds: 96,
      population: 1792,
      baseline: { year: BASELINE_YEAR, salesFen: 96_000_000, perCapitaIncomeFen: 1_260_000 },
    },
    targets: JIANYANG_TARGETS,
    products: [
      { ref: 'qinggang-crayfish', input: pilotCrayfish('青岗村', 'Qinggang', 3_800, 1_500) },
      { ref: 'qinggang-chicken', input: pilotChicken('青岗村', 'Qinggang', 15_800, 180) },
      { ref: 'qinggang-eggs', input: pilotEggs('青岗村', 'Qinggang', 5_600, 150) },
    ],
  },
  {
    ref: 'baiguo',
    input: {
      ...JIANYANG,
      name: '白果村',
      nameEn: 'Baiguo Village',
      township: '石桥镇',
      story: pilotStory('白果村', '村民在坡地上种植花生和核桃，每月的产品供需对接展会是主要销路。'),
      storyEn: pilotStoryEn('Baiguo', 'Villagers grow peanuts and walnuts on the slopes; the monthly supply-and-demand fairs are their main outlet.'),
      households: 476,
      povertyHouseholds: 88,
      population: 1583,
      baseline: { year: BASELINE_YEAR, salesFen: 72_000_000, perCapitaIncomeFen: 1_180_000 },
    },
    targets: JIANYANG_TARGETS,
    products: [
      { ref: 'baiguo-peanuts', input: pilotPeanuts('白果村', 'Baiguo', 900, 4_000) },
      { ref: 'baiguo-walnuts', input: pilotWalnuts('白果村', 'Baiguo', 2_200, 1_200) },
      { ref: 'baiguo-chicken', input: pilotChicken('白果村', 'Baiguo', 15_800, 120) },
    ],
  },
  {
    ref: 'shuangshi',
    input: {
      ...JIANYANG,
      name: '双石村',
      nameEn: 'Shuangshi Village',
      township: '东溪镇',
      story: pilotStory('双石村', '村里建起土鸡林下生态养殖小区，简阳羊肉汤季节也向城里供应山羊。'),
      storyEn: pilotStoryEn('Shuangshi', 'The village built a woodland chicken-raising area and, in mutton-soup season, also supplies goats to the city.'),
      households: 705,
      povertyHouseholds: 104,
      population: 2394,
      baseline: { year: BASELINE_YEAR, salesFen: 124_000_000, perCapitaIncomeFen: 1_300_000 },
    },
    targets: JIANYANG_TARGETS,
    products: [
      { ref: 'shuangshi-chicken', input: pilotChicken('双石村', 'Shuangshi', 16_800, 260) },
      {
        ref: 'shuangshi-mutton',
        input: {
          name: '简阳山羊肉',
          nameEn: 'Jianyang goat meat',
          category: 'livestock',
          unit: '斤',
          priceFen: 4_800,
          stock: 600,
          harvestWindow: { start: '10-01', end: '02-28' },
          description: '散养大耳羊，带皮分割，冬季炖羊肉汤的当季食材。',
          descriptionEn: 'Free-grazed Jianyang big-ear goat, cut with the skin on: the winter ingredient for mutton soup.',
        },
      },
      { ref: 'shuangshi-eggs', input: pilotEggs('双石村', 'Shuangshi', 5_800, 200) },
    ],
  },
  {
    ref: 'xinglong',
    input: {
      ...JIANYANG,
      name: '兴隆村',
      nameEn: 'Xinglong Village',
      township: '三星镇',
      story: pilotStory('兴隆村', '村里跟着试点种植脆红李，并在山坪塘养殖小龙虾。'),
      storyEn: pilotStoryEn('Xinglong', 'Following the pilot, the village planted crisp red plums and raises crayfish in its hillside ponds.'),
      households: 389,
      povertyHouseholds: 79,
      population: 1297,
      baseline: { year: BASELINE_YEAR, salesFen: 58_000_000, perCapitaIncomeFen: 1_140_000 },
    },
    targets: JIANYANG_TARGETS,
    products: [
      { ref: 'xinglong-plums', input: pilotPlums('兴隆村', 'Xinglong', 1_100, 2_500) },
      { ref: 'xinglong-crayfish', input: pilotCrayfish('兴隆村', 'Xinglong', 3_600, 800) },
      { ref: 'xinglong-chicken', input: pilotChicken('兴隆村', 'Xinglong', 15_800, 100) },
    ],
  },
  {
    ref: 'heping',
    input: {
      ...JIANYANG,
      name: '和平村',
      nameEn: 'Heping Village',
      township: '草池镇',
      story: pilotStory('和平村', '土鸡和土鸡蛋是村里的主打产品，由结对社区每月集中团购。'),
      storyEn: pilotStoryEn('Heping', 'Chickens and eggs are the village\'s mainstay, bought in bulk each month by its paired community.'),
      households: 524,
      povertyHouseholds: 91,
      population: 1736,
      baseline: { year: BASELINE_YEAR, salesFen: 88_000_000, perCapitaIncomeFen: 1_220_000 },
    },
    targets: JIANYANG_TARGETS,
    products: [
      { ref: 'heping-chicken', input: pilotChicken('和平村', 'Heping', 16_800, 300) },
      { ref: 'heping-eggs', input: pilotEggs('和平村', 'Heping', 5_800, 320) },
      { ref: 'heping-peanuts', input: pilotPeanuts('和平村', 'Heping', 950, 2_200) },
    ],
  },
  {
    ref: 'bailin',
    input: {
      ...JIANYANG,
      name: '柏林村',
      nameEn: 'Bailin Village',
      township: '青龙镇',
      story: pilotStory('柏林村', '村里的核桃和花生通过代销代购服务进入成都社区。'),
      storyEn: pilotStoryEn('Bailin', 'Its walnuts and peanuts reach Chengdu communities through the association\'s sales-on-behalf service.'),
      households: 451,
      povertyHouseholds: 85,
      population: 1502,
      baseline: { year: BASELINE_YEAR, salesFen: 64_000_000, perCapitaIncomeFen: 1_160_000 },
    },
    targets: JIANYANG_TARGETS,
    products: [
      { ref: 'bailin-walnuts', input: pilotWalnuts('柏林村', 'Bailin', 2_000, 1_600) },
      { ref: 'bailin-peanuts', input: pilotPeanuts('柏林村', 'Bailin', 900, 3_000) },
      { ref: 'bailin-chicken', input: pilotChicken('柏林村', 'Bailin', 15_800, 90) },
    ],
  },
  {
    ref: 'jinfeng',
    input: {
      ...JIANYANG,
      name: '金凤村',
      nameEn: 'Jinfeng Village',
      township: '踏水镇',
      story: pilotStory('金凤村', '除了土鸡，村里还种植晚熟柑橘，冬春两季都有产品可卖。'),
      storyEn: pilotStoryEn('Jinfeng', 'Besides chickens, the village grows late-ripening citrus, so it has something to sell in both winter and spring.'),
      households: 667,
      povertyHouseholds: 98,
      population: 2215,
      baseline: { year: BASELINE_YEAR, salesFen: 112_000_000, perCapitaIncomeFen: 1_280_000 },
    },
    targets: JIANYANG_TARGETS,
    products: [
      { ref: 'jinfeng-chicken', input: pilotChicken('金凤村', 'Jinfeng', 16_800, 240) },
      {
        ref: 'jinfeng-citrus',
        input: {
          name: '晚熟春见柑橘',
          nameEn: 'Late-season Chunjian mandarins',
          category: 'fruit',
          unit: '箱',
          priceFen: 6_800,
          stock: 500,
          harvestWindow: { start: '01-10', end: '04-30' },
          description: '丘陵向阳坡地种植的晚熟柑橘，10斤装，春节后上市。',
          descriptionEn: 'Late-ripening mandarins from sunny hill slopes, 5 kg boxes, on sale after the Spring Festival.',
        },
      },
      { ref: 'jinfeng-plums', input: pilotPlums('金凤村', 'Jinfeng', 1_200, 1_800) },
    ],
  },
  {
    ref: 'tianchi',
    input: {
      ...JIANYANG,
      name: '天池村',
      nameEn: 'Tianchi Village',
      township: '江源镇',
      story: pilotStory('天池村', '村里依托水库发展小龙虾养殖，贫困户在合作社务工也能增收。'),
      storyEn: pilotStoryEn('Tianchi', 'The village farms crayfish around its reservoir, and poor households also earn wages working for the cooperative.'),
      households: 583,
      povertyHouseholds: 93,
      population: 1938,
      baseline: { year: BASELINE_YEAR, salesFen: 102_000_000, perCapitaIncomeFen: 1_240_000 },
    },
    targets: JIANYANG_TARGETS,
    products: [
      { ref: 'tianchi-crayfish', input: pilotCrayfish('天池村', 'Tianchi', 3_800, 2_000) },
      { ref: 'tianchi-chicken', input: pilotChicken('天池村', 'Tianchi', 16_800, 150) },
      { ref: 'tianchi-walnuts', input: pilotWalnuts('天池村', 'Tianchi', 2_200, 700) },
    ],
  },
  {
    ref: 'shuanglong',
    input: {
      ...JIANYANG,
      name: '双龙村',
      nameEn: 'Shuanglong Village',
      township: '涌泉镇',
      story: pilotStory('双龙村', '成都市慈善总会在村里设立了社区慈善基金，村里的土鸡蛋和花生在城乡社区互助沙龙上很受欢迎。'),
      storyEn: pilotStoryEn('Shuanglong', 'The Chengdu Charity Federation set up a community charity fund here, and the village\'s eggs and peanuts are favourites at the urban-rural community salons.'),
      households: 498,
      povertyHouseholds: 87,
      population: 1661,
      baseline: { year: BASELINE_YEAR, salesFen: 76_000_000, perCapitaIncomeFen: 1_200_000 },
    },
    targets: JIANYANG_TARGETS,
    products: [
      { ref: 'shuanglong-eggs', input: pilotEggs('双龙村', 'Shuanglong', 5_600, 280) },
      { ref: 'shuanglong-peanuts', input: pilotPeanuts('双龙村', 'Shuanglong', 950, 2_600) },
      { ref: 'shuanglong-chicken', input: pilotChicken('双龙村', 'Shuanglong', 15_800, 160) },
    ],
  },
];

function qingshuiStory(v: string, group: string, members: string, extra: string): string {
  return `${v}是清水县挂牌督战贫困村，在《清水县社会组织助力挂牌督战贫困村脱贫攻坚工作实施方案》中列为${group}，由${members}结对帮扶。方案要求社会组织动员会员和爱心人士参与消费扶贫，优先购买贫困群众农特产品。${extra}`;
}

function qingshuiStoryEn(vEn: string, group: string, members: string, extra: string): string {
  return `${vEn} is one of Qingshui County's villages under listed supervision. The county's plan for social organisations puts it in ${group}, paired with ${members}. The plan asks the organisations to mobilise members and volunteers for consumption aid and to buy poor households' produce first. ${extra}`;
}

const qingshuiVillages: DemoVillage[] = [
  {
    ref: 'gaoqiao',
    input: {
      ...QINGSHUI,
      name: '高桥村',
      nameEn: 'Gaoqiao Village',
      township: '山门镇',
      story: qingshuiStory('高桥村', '第一组', '清水县智远职业技能培训学校等3家培训学校', '山门镇林区的中蜂土蜂蜜和高山马铃薯是村里的主要产品。'),
      storyEn: qingshuiStoryEn('Gaoqiao', 'group one', 'three training schools led by the Qingshui Zhiyuan Vocational Skills Training School', 'Honey from native bees in the Shanmen forests and highland potatoes are its main produce.'),
      households: 342,
      povertyHouseholds: 68,
      population: 1165,
      baseline: { year: BASELINE_YEAR, salesFen: 42_000_000, perCapitaIncomeFen: 980_000 },
    },
    targets: QINGSHUI_TARGETS,
    products: [
      {
        ref: 'gaoqiao-honey',
        input: {
          name: '山门中蜂土蜂蜜',
          nameEn: 'Shanmen native-bee honey',
          category: 'honey',
          unit: '瓶',
          priceFen: 7_800,
          stock: 400,
          harvestWindow: null,
          description: '山门林区中华蜜蜂一年一取的百花蜜，500克玻璃瓶装。',
          descriptionEn: 'Wildflower honey from Chinese honeybees in the Shanmen forests, harvested once a year; 500 g glass jar.',
        },
      },
      {
        ref: 'gaoqiao-potatoes',
        input: {
          name: '高山马铃薯',
          nameEn: 'Highland potatoes',
          category: 'vegetable',
          unit: '斤',
          priceFen: 250,
          stock: 8_000,
          harvestWindow: { start: '09-01', end: '12-15' },
          description: '海拔1800米以上种植，沙壤土出产，淀粉足、口感面。',
          descriptionEn: 'Grown above 1,800 m in sandy loam: starchy and floury.',
        },
      },
      {
        ref: 'gaoqiao-bracken',
        input: {
          name: '山野蕨菜',
          nameEn: 'Wild bracken shoots',
          category: 'vegetable',
          unit: '斤',
          priceFen: 1_500,
          stock: 300,
          harvestWindow: { start: '04-20', end: '06-10' },
          description: '春季林下采摘的嫩蕨菜，焯水后冷链发货。',
          descriptionEn: 'Young bracken picked in the forest in spring, blanched and shipped chilled.',
        },
      },
    ],
  },
  {
    ref: 'liwan',
    input: {
      ...QINGSHUI,
      name: '梨湾村',
      nameEn: 'Liwan Village',
      township: '白驼镇',
      story: qingshuiStory('梨湾村', '第二组', '清水县永清镇育苗幼儿园等4家幼儿园和培训学校', '村里种植花椒和苹果，结对单位动员家长参与消费扶贫。'),
      storyEn: qingshuiStoryEn('Liwan', 'group two', 'four kindergartens and training schools', 'The village grows Sichuan pepper and apples, and the paired schools ask parents to buy them.'),
      households: 287,
      povertyHouseholds: 57,
      population: 996,
      baseline: { year: BASELINE_YEAR, salesFen: 46_000_000, perCapitaIncomeFen: 1_020_000 },
    },
    targets: QINGSHUI_TARGETS,
    products: [
      {
        ref: 'liwan-pepper',
        input: {
          name: '清水大红袍花椒',
          nameEn: 'Qingshui "Dahongpao" Sichuan pepper',
          category: 'other',
          unit: '斤',
          priceFen: 6_000,
          stock: 500,
          harvestWindow: { start: '07-15', end: '09-10' },
          description: '伏天采摘、自然晾干的大红袍花椒，麻味足、色泽红亮。',
          descriptionEn: 'Dahongpao Sichuan pepper picked in high summer and air-dried: strongly numbing, bright red.',
        },
      },
      {
        ref: 'liwan-apples',
        input: {
          name: '花牛苹果',
          nameEn: 'Huaniu apples',
          category: 'fruit',
          unit: '箱',
          priceFen: 6_800,
          stock: 700,
          harvestWindow: { start: '09-20', end: '12-20' },
          description: '天水花牛苹果，果形高桩、香甜沙面，10斤装。',
          descriptionEn: 'Tianshui Huaniu (Red Delicious) apples, tall and sweet with a mealy bite; 5 kg box.',
        },
      },
    ],
  },
  {
    ref: 'shigou',
    input: {
      ...QINGSHUI,
      name: '史沟村',
      nameEn: 'Shigou Village',
      township: '山门镇',
      story: qingshuiStory('史沟村', '第三组', '清水县“一对一献爱心”贫困儿童资助协会', '村里的土蜂蜜和手工马铃薯粉条由协会会员认购。'),
      storyEn: qingshuiStoryEn('Shigou', 'group three', 'the Qingshui "One-to-One" Association for Poor Children', 'The association\'s members sign up for the village\'s honey and hand-made potato noodles.'),
      households: 231,
      povertyHouseholds: 49,
      population: 802,
      baseline: { year: BASELINE_YEAR, salesFen: 31_000_000, perCapitaIncomeFen: 930_000 },
    },
    targets: QINGSHUI_TARGETS,
    products: [
      {
        ref: 'shigou-honey',
        input: {
          name: '土蜂蜜',
          nameEn: 'Farmhouse honey',
          category: 'honey',
          unit: '罐',
          priceFen: 12_800,
          stock: 200,
          harvestWindow: null,
          description: '农户土法木桶养蜂，成熟蜜一年一割，1000克罐装。',
          descriptionEn: 'From bees kept in traditional wooden hives, ripe honey cut once a year; 1 kg jar.',
        },
      },
      {
        ref: 'shigou-noodles',
        input: {
          name: '手工马铃薯粉条',
          nameEn: 'Hand-made potato noodles',
          category: 'processed',
          unit: '袋',
          priceFen: 2_800,
          stock: 600,
          harvestWindow: null,
          description: '本村马铃薯淀粉手工漏制、自然冻晒，2斤袋装。',
          descriptionEn: 'Hand-pressed from the village\'s own potato starch and frost-dried outdoors; 1 kg bag.',
          farmerShareBps: 9_000,
        },
      },
    ],
  },
  {
    ref: 'yaotao',
    input: {
      ...QINGSHUI,
      name: '腰套村',
      nameEn: 'Yaotao Village',
      township: '山门镇',
      story: qingshuiStory('腰套村', '第四组', '清水县老年养护院', '养护院食堂长期采购村里的土豆、核桃和土鸡蛋。'),
      storyEn: qingshuiStoryEn('Yaotao', 'group four', 'the Qingshui Elderly Care Home', 'The care home\'s kitchen buys the village\'s potatoes, walnuts and eggs as a standing order.'),
      households: 264,
      povertyHouseholds: 61,
      population: 901,
      baseline: { year: BASELINE_YEAR, salesFen: 34_000_000, perCapitaIncomeFen: 940_000 },
    },
    targets: QINGSHUI_TARGETS,
    products: [
      {
        ref: 'yaotao-potatoes',
        input: {
          name: '山门土豆',
          nameEn: 'Shanmen potatoes',
          category: 'vegetable',
          unit: '袋',
          priceFen: 2_500,
          stock: 900,
          harvestWindow: { start: '09-01', end: '12-15' },
          description: '高寒山区种植的黄心土豆，10斤袋装。',
          descriptionEn: 'Yellow-fleshed potatoes from the cold uplands; 5 kg bag.',
        },
      },
      {
        ref: 'yaotao-walnuts',
        input: {
          name: '山核桃',
          nameEn: 'Mountain walnuts',
          category: 'nuts',
          unit: '斤',
          priceFen: 1_800,
          stock: 800,
          harvestWindow: { start: '09-01', end: '10-15' },
          description: '山地核桃树所产，个小仁满，自然晾晒。',
          descriptionEn: 'From hillside walnut trees: small nuts, full kernels, sun-dried.',
        },
      },
      {
        ref: 'yaotao-eggs',
        input: {
          name: '土鸡蛋',
          nameEn: 'Free-range eggs',
          category: 'poultry',
          unit: '枚',
          priceFen: 180,
          stock: 3_000,
          harvestWindow: null,
          description: '农户散养母鸡所产，按枚计价，30枚起发。',
          descriptionEn: 'From hens kept loose in farmyards; priced per egg, 30 minimum.',
        },
      },
    ],
  },
  {
    ref: 'maichi',
    input: {
      ...QINGSHUI,
      name: '麦池村',
      nameEn: 'Maichi Village',
      township: '秦亭镇',
      story: qingshuiStory('麦池村', '第五组', '清水县永清镇蓓蕾幼儿园等4家幼儿园', '秦亭镇高寒阴湿，村里种植苦荞并养殖中蜂。'),
      storyEn: qingshuiStoryEn('Maichi', 'group five', 'four kindergartens in Yongqing', 'Qinting is cold and damp; the village grows tartary buckwheat and keeps native bees.'),
      households: 356,
      povertyHouseholds: 72,
      population: 1227,
      baseline: { year: BASELINE_YEAR, salesFen: 38_000_000, perCapitaIncomeFen: 960_000 },
    },
    targets: QINGSHUI_TARGETS,
    products: [
      {
        ref: 'maichi-buckwheat',
        input: {
          name: '秦亭苦荞面',
          nameEn: 'Qinting tartary-buckwheat flour',
          category: 'grain_oil',
          unit: '袋',
          priceFen: 3_200,
          stock: 500,
          harvestWindow: null,
          description: '高山苦荞石磨磨制，5斤袋装，可做荞面饸饹。',
          descriptionEn: 'Highland tartary buckwheat, stone-ground; 2.5 kg bag, for buckwheat noodles.',
        },
      },
      {
        ref: 'maichi-honey',
        input: {
          name: '秦亭百花蜜',
          nameEn: 'Qinting wildflower honey',
          category: 'honey',
          unit: '罐',
          priceFen: 11_800,
          stock: 260,
          harvestWindow: null,
          description: '关山草甸百花蜜，1000克罐装。',
          descriptionEn: 'Wildflower honey from the Guanshan meadows; 1 kg jar.',
        },
      },
    ],
  },
  {
    ref: 'meijiang',
    input: {
      ...QINGSHUI,
      name: '梅江村',
      nameEn: 'Meijiang Village',
      township: '贾川乡',
      story: qingshuiStory('梅江村', '第六组', '清水县蜜蜂产业协会、清水县清雄安保培训学校和清水县宏远职业技能培训学校', '蜜蜂产业协会帮助农户规范养蜂并统一收购蜂蜜，结对组织每周二18时前向社会组织管理局报送帮扶进展。'),
      storyEn: qingshuiStoryEn('Meijiang', 'group six', 'the Qingshui Beekeeping Industry Association and two training schools', 'The beekeeping association helps households keep bees to a standard and buys their honey; the paired organisations report progress to the county social-organisation bureau every Tuesday by 18:00.'),
      households: 318,
      povertyHouseholds: 66,
      population: 1089,
      baseline: { year: BASELINE_YEAR, salesFen: 52_000_000, perCapitaIncomeFen: 1_010_000 },
    },
    targets: QINGSHUI_TARGETS,
    products: [
      {
        ref: 'meijiang-honey',
        input: {
          name: '贾川百花蜂蜜',
          nameEn: 'Jiachuan wildflower honey',
          category: 'honey',
          unit: '瓶',
          priceFen: 6_800,
          stock: 800,
          harvestWindow: null,
          description: '清水县蜜蜂产业协会统一标准收购的成熟蜜，500克瓶装。',
          descriptionEn: 'Ripe honey bought to the Qingshui Beekeeping Industry Association\'s standard; 500 g jar.',
        },
      },
      {
        ref: 'meijiang-comb-honey',
        input: {
          name: '原生巢蜜',
          nameEn: 'Honeycomb',
          category: 'honey',
          unit: '盒',
          priceFen: 9_800,
          stock: 150,
          harvestWindow: null,
          description: '整块蜂巢切割装盒，连蜡带蜜，约500克一盒。',
          descriptionEn: 'Whole comb cut and boxed, wax and all, about 500 g per box.',
        },
      },
      {
        ref: 'meijiang-pepper',
        input: {
          name: '贾川花椒',
          nameEn: 'Jiachuan Sichuan pepper',
          category: 'other',
          unit: '斤',
          priceFen: 5_600,
          stock: 300,
          harvestWindow: { start: '07-15', end: '09-10' },
          description: '山坡地种植的花椒，手工采摘晾晒，去籽去枝。',
          descriptionEn: 'Sichuan pepper from hillside plots, hand-picked and dried, seeds and stems removed.',
        },
      },
    ],
  },
];

const lizhouVillages: DemoVillage[] = [
  {
    ref: 'songjia',
    input: {
      ...LIZHOU,
      name: '宋家村',
      nameEn: 'Songjia Village',
      township: '宝轮镇',
      story:
        '宋家村通过9次小组会议、3次村民代表大会反复讨论，公示无异议后筛选出45户建卡贫困户。区扶贫移民局包带宋家村，基本实现了入户路和院坝硬化全覆盖。村里以核桃产业为主导增收。',
      storyEn:
        'After nine group meetings and three villagers\' representative assemblies, and a public notice with no objections, Songjia identified 45 registered poor households. The district Poverty Alleviation and Resettlement Bureau, paired with the village, paved the paths to every house and courtyard. Walnuts are the village\'s main source of income.',
      households: 403,
      povertyHouseholds: 45,
      population: 1352,
      baseline: { year: BASELINE_YEAR, salesFen: 68_000_000, perCapitaIncomeFen: 1_240_000 },
    },
    targets: LIZHOU_TARGETS,
    products: [
      {
        ref: 'songjia-walnuts',
        input: {
          name: '利州核桃',
          nameEn: 'Lizhou walnuts',
          category: 'nuts',
          unit: '斤',
          priceFen: 2_000,
          stock: 2_500,
          harvestWindow: { start: '09-01', end: '10-15' },
          description: '秦巴山区核桃，青皮脱净后晾干，壳薄仁香。',
          descriptionEn: 'Qinba mountain walnuts, hulled and dried: thin shells, fragrant kernels.',
        },
      },
      {
        ref: 'songjia-walnut-oil',
        input: {
          name: '冷榨核桃油',
          nameEn: 'Cold-pressed walnut oil',
          category: 'grain_oil',
          unit: '瓶',
          priceFen: 9_800,
          stock: 300,
          harvestWindow: null,
          description: '本村核桃仁低温压榨，500毫升瓶装。',
          descriptionEn: 'Pressed cold from the village\'s walnut kernels; 500 ml bottle.',
          farmerShareBps: 9_000,
        },
      },
    ],
  },
  {
    ref: 'shuguang',
    input: {
      ...LIZHOU,
      name: '曙光村',
      nameEn: 'Shuguang Village',
      township: '龙潭乡',
      story:
        '区农业局作为龙潭乡曙光村的包带部门，帮助村里重点发展蔬菜产业。包带干部深入农户家中，一户一策制定发展规划。',
      storyEn:
        'The district Agriculture Bureau, assigned to Shuguang, has helped the village build up vegetable growing. Its cadres visit households in person and draw up a development plan for each one.',
      households: 512,
      povertyHouseholds: 58,
      population: 1689,
      baseline: { year: BASELINE_YEAR, salesFen: 84_000_000, perCapitaIncomeFen: 1_260_000 },
    },
    targets: LIZHOU_TARGETS,
    products: [
      {
        ref: 'shuguang-veg-box',
        input: {
          name: '时令蔬菜箱',
          nameEn: 'Seasonal vegetable box',
          category: 'vegetable',
          unit: '箱',
          priceFen: 5_800,
          stock: 400,
          harvestWindow: null,
          description: '当天采摘的6至8种时令蔬菜，约8斤一箱，每周配送。',
          descriptionEn: 'Six to eight kinds of vegetables picked that day, about 4 kg a box, delivered weekly.',
        },
      },
      {
        ref: 'shuguang-winter-shoots',
        input: {
          name: '冬笋',
          nameEn: 'Winter bamboo shoots',
          category: 'vegetable',
          unit: '斤',
          priceFen: 1_600,
          stock: 1_200,
          harvestWindow: { start: '11-15', end: '02-28' },
          description: '竹林里挖出的冬笋，肉质脆嫩，带壳发货。',
          descriptionEn: 'Dug from the bamboo groves in winter, crisp and tender, shipped in the husk.',
        },
      },
      {
        ref: 'shuguang-erbai',
        input: {
          name: '儿菜',
          nameEn: 'Ercai (multi-headed mustard)',
          category: 'vegetable',
          unit: '斤',
          priceFen: 300,
          stock: 2_000,
          harvestWindow: { start: '12-01', end: '03-15' },
          description: '川北冬春季节特有的儿菜，清炒煮汤皆宜。',
          descriptionEn: 'A northern-Sichuan winter vegetable, good stir-fried or in soup.',
        },
      },
    ],
  },
  {
    ref: 'fengyan',
    input: {
      ...LIZHOU,
      name: '峰岩村',
      nameEn: 'Fengyan Village',
      township: '荣山镇',
      story:
        '区委政法委在帮扶峰岩村过程中，多次通过熟人、商场、超市、电子商务平台等方式联系市场，帮村里销售魔芋8000余斤，解决了产品销售问题。',
      storyEn:
        'While supporting Fengyan, the district Political and Legal Affairs Commission found buyers through acquaintances, shopping centres, supermarkets and e-commerce platforms, selling more than 8,000 jin (4 tonnes) of the village\'s konjac.',
      households: 376,
      povertyHouseholds: 51,
      population: 1243,
      baseline: { year: BASELINE_YEAR, salesFen: 56_000_000, perCapitaIncomeFen: 1_180_000 },
    },
    targets: LIZHOU_TARGETS,
    products: [
      {
        ref: 'fengyan-konjac',
        input: {
          name: '鲜魔芋',
          nameEn: 'Fresh konjac corms',
          category: 'vegetable',
          unit: '斤',
          priceFen: 450,
          stock: 6_000,
          harvestWindow: { start: '10-15', end: '01-15' },
          description: '山地种植的花魔芋球茎，可自制魔芋豆腐。',
          descriptionEn: 'Konjac corms grown on mountain plots, for making your own konjac tofu.',
        },
      },
      {
        ref: 'fengyan-konjac-tofu',
        input: {
          name: '手工魔芋豆腐',
          nameEn: 'Hand-made konjac tofu',
          category: 'processed',
          unit: '斤',
          priceFen: 800,
          stock: 500,
          harvestWindow: null,
          description: '柴火灶手工制作，口感Q弹，冷链配送。',
          descriptionEn: 'Made by hand over a wood fire, springy, delivered chilled.',
          farmerShareBps: 9_000,
        },
      },
    ],
  },
  {
    ref: 'taishan',
    input: {
      ...LIZHOU,
      name: '太山村',
      nameEn: 'Taishan Village',
      township: '荣山镇',
      story:
        '利州区推行一户一策，扶贫产业由“大水漫灌”变为“精准滴灌”。太山村村民贾万贵因地制宜发展食用菌，带动村里形成香菇、木耳种植。',
      storyEn:
        'Lizhou shifted to a plan for each household, targeting support precisely instead of spreading it thin. In Taishan, villager Jia Wangui took up mushroom growing to suit local conditions, and shiitake and wood-ear growing spread through the village.',
      households: 298,
      povertyHouseholds: 47,
      population: 1001,
      baseline: { year: BASELINE_YEAR, salesFen: 48_000_000, perCapitaIncomeFen: 1_150_000 },
    },
    targets: LIZHOU_TARGETS,
    products: [
      {
        ref: 'taishan-shiitake',
        input: {
          name: '段木鲜香菇',
          nameEn: 'Log-grown fresh shiitake',
          category: 'fungi',
          unit: '斤',
          priceFen: 1_800,
          stock: 900,
          harvestWindow: { start: '10-01', end: '04-30' },
          description: '青冈段木栽培的冬春香菇，菌盖厚实，冷链发货。',
          descriptionEn: 'Winter-spring shiitake grown on oak logs, thick-capped, shipped chilled.',
        },
      },
      {
        ref: 'taishan-wood-ear',
        input: {
          name: '干黑木耳',
          nameEn: 'Dried black wood-ear',
          category: 'fungi',
          unit: '袋',
          priceFen: 3_800,
          stock: 400,
          harvestWindow: null,
          description: '晒干的小碗耳，泡发率高，250克袋装。',
          descriptionEn: 'Sun-dried small cup wood-ear that swells well when soaked; 250 g bag.',
        },
      },
    ],
  },
  {
    ref: 'zuojia',
    input: {
      ...LIZHOU,
      name: '左家村',
      nameEn: 'Zuojia Village',
      township: '宝轮镇',
      story:
        '左家村交通设施落后，利州区按照“缺什么补什么”的原则，优先安排区交通局作为包带部门。道路改善后，村里的核桃和红薯能及时运出山外。',
      storyEn:
        'Zuojia\'s roads were poor, so under the principle of supplying what is missing, Lizhou assigned the district Transport Bureau to it first. With better roads the village\'s walnuts and sweet potatoes now get to market in time.',
      households: 335,
      povertyHouseholds: 53,
      population: 1121,
      baseline: { year: BASELINE_YEAR, salesFen: 44_000_000, perCapitaIncomeFen: 1_160_000 },
    },
    targets: LIZHOU_TARGETS,
    products: [
      {
        ref: 'zuojia-walnuts',
        input: {
          name: '左家村核桃',
          nameEn: 'Zuojia walnuts',
          category: 'nuts',
          unit: '斤',
          priceFen: 1_900,
          stock: 1_500,
          harvestWindow: { start: '09-01', end: '10-15' },
          description: '房前屋后老核桃树所产，自然晾干。',
          descriptionEn: 'From old walnut trees around the farmhouses, air-dried.',
        },
      },
      {
        ref: 'zuojia-sweet-potatoes',
        input: {
          name: '红心红薯',
          nameEn: 'Red-fleshed sweet potatoes',
          category: 'vegetable',
          unit: '斤',
          priceFen: 300,
          stock: 4_000,
          harvestWindow: { start: '09-15', end: '11-30' },
          description: '坡地种植的红心红薯，蒸烤香甜。',
          descriptionEn: 'Grown on the slopes; sweet steamed or roasted.',
        },
      },
    ],
  },
  {
    ref: 'sujia',
    input: {
      ...LIZHOU,
      name: '苏家村',
      nameEn: 'Sujia Village',
      township: '宝轮镇',
      story:
        '苏家村何玉刚在区委办公室包带下养殖鸡2000只、牛5头、猪8头，示范效果明显，对周边群众的引领作用突出。村民苏联富也在包带干部帮助下重拾发展信心。',
      storyEn:
        'In Sujia, He Yugang, supported by the district Party Committee General Office, raised 2,000 chickens, 5 cattle and 8 pigs, setting an example his neighbours followed. Villager Su Lianfu also regained the confidence to build a livelihood with his cadre\'s help.',
      households: 421,
      povertyHouseholds: 49,
      population: 1398,
      baseline: { year: BASELINE_YEAR, salesFen: 62_000_000, perCapitaIncomeFen: 1_220_000 },
    },
    targets: LIZHOU_TARGETS,
    products: [
      {
        ref: 'sujia-chicken',
        input: {
          name: '山地跑山鸡',
          nameEn: 'Hill-run chicken',
          category: 'poultry',
          unit: '只',
          priceFen: 14_800,
          stock: 300,
          harvestWindow: null,
          description: '山坡放养，吃玉米和青草长大，整只冷链配送。',
          descriptionEn: 'Free on the hillside, fed on maize and grass; delivered whole by cold chain.',
        },
      },
      {
        ref: 'sujia-cured-pork',
        input: {
          name: '柏枝熏腊肉',
          nameEn: 'Cypress-smoked cured pork',
          category: 'processed',
          unit: '斤',
          priceFen: 5_800,
          stock: 400,
          harvestWindow: { start: '12-01', end: '03-31' },
          description: '农家粮食猪肉，冬至后腌制、柏树枝慢熏，年前开始发货。',
          descriptionEn: 'Grain-fed farm pork salted after the winter solstice and slow-smoked over cypress; ships from before the New Year.',
          farmerShareBps: 9_000,
        },
      },
    ],
  },
];

export const demoVillages: DemoVillage[] = [...pilotVillages, ...qingshuiVillages, ...lizhouVillages];

const PILOT_REFS = pilotVillages.map((v) => v.ref);

function community(
  ref: string,
  district: string,
  name: string,
  nameEn: string,
  villageRef: string,
  villageName: string,
): DemoOrganization {
  return {
    ref,
    input: {
      name: `${district}${name}`,
      nameEn,
      kind: 'community',
      city: '成都市',
      description: `成都市主城区城乡社区互助联盟成员，与简阳市${villageName}结对，每月组织居民团购村里的农副产品。`,
    },
    pairedVillageRefs: [villageRef],
  };
}

// The source says ten central-Chengdu communities paired with the ten pilot villages but names none of them.
const chengduCommunities: DemoOrganization[] = [
  community('shuijingfang', '锦江区', '水井坊社区', 'Shuijingfang Community, Jinjiang District', 'tudiao', '土地坳村'),
  community('yulin', '武侯区', '玉林社区', 'Yulin Community, Wuhou District', 'qinggang', '青岗村'),
  community('xiaotongxiang', '青羊区', '小通巷社区', 'Xiaotongxiang Community, Qingyang District', 'baiguo', '白果村'),
  community('wangping', '成华区', '望平社区', 'Wangping Community, Chenghua District', 'shuangshi', '双石村'),
  community('tongzilin', '武侯区', '桐梓林社区', 'Tongzilin Community, Wuhou District', 'xinglong', '兴隆村'),
  community('fangcao', '高新区', '芳草社区', 'Fangcao Community, High-Tech Zone', 'heping', '和平村'),
  community('yingmenkou', '金牛区', '营门口社区', 'Yingmenkou Community, Jinniu District', 'bailin', '柏林村'),
  community('guanghua', '青羊区', '光华社区', 'Guanghua Community, Qingyang District', 'jinfeng', '金凤村'),
  community('jianshelu', '成华区', '建设路社区', 'Jianshelu Community, Chenghua District', 'tianchi', '天池村'),
  community('niuwangmiao', '锦江区', '牛王庙社区', 'Niuwangmiao Community, Jinjiang District', 'shuanglong', '双龙村'),
];

const chengduSocialOrganizations: DemoOrganization[] = [
  {
    ref: 'chengdu-poultry-association',
    input: {
      name: '成都市家禽产业协会',
      nameEn: 'Chengdu Poultry Industry Association',
      kind: 'social_organization',
      city: '成都市',
      description:
        '实施“送鸡苗教技术助增收”定点产业扶贫项目，向试点村发放鸡苗3万余只、饲料50余吨，开展免费土鸡养殖技术培训，并提供保价回购、代销代购服务。',
    },
    pairedVillageRefs: PILOT_REFS,
  },
  {
    ref: 'chengdu-harmonious-community',
    input: {
      name: '成都市和谐社区发展促进会',
      nameEn: 'Chengdu Harmonious Community Development Association',
      kind: 'social_organization',
      city: '成都市',
      description:
        '建立城乡社区资源库，组织主城区10个社区与10个试点村结对并成立城乡社区互助联盟，每月举办互助沙龙和产品供需对接展会。',
    },
    pairedVillageRefs: PILOT_REFS,
  },
  {
    ref: 'chengdu-charity-federation',
    input: {
      name: '成都市慈善总会',
      nameEn: 'Chengdu Charity Federation',
      kind: 'social_organization',
      city: '成都市',
      description: '为每个试点村建立3000元以上规模的社区慈善基金。',
    },
    pairedVillageRefs: PILOT_REFS,
  },
  {
    ref: 'chengdu-social-org-federation',
    input: {
      name: '成都市社会组织联合会',
      nameEn: 'Chengdu Federation of Social Organisations',
      kind: 'social_organization',
      city: '成都市',
      description: '整合爱心企业和爱心家庭，为试点村捐建爱心文化图书室，开展文化扶贫。',
    },
    pairedVillageRefs: PILOT_REFS,
  },
];

function qingshuiOrg(ref: string, name: string, nameEn: string, villageRef: string, group: string): DemoOrganization {
  return {
    ref,
    input: {
      name,
      nameEn,
      kind: 'social_organization',
      city: '天水市',
      description: `清水县社会组织助力挂牌督战贫困村${group}成员，每周二18时前向县社会组织管理局报送结对帮扶进展。`,
    },
    pairedVillageRefs: [villageRef],
  };
}

// All sixteen organisations of the plan's six groups, each with its group's village.
const qingshuiOrganizations: DemoOrganization[] = [
  qingshuiOrg('qs-zhiyuan-school', '清水县智远职业技能培训学校', 'Qingshui Zhiyuan Vocational Skills Training School', 'gaoqiao', '第一组（山门镇高桥村）'),
  qingshuiOrg('qs-yongxin-zhiyuan-school', '清水县永鑫智远技能培训学校', 'Qingshui Yongxin Zhiyuan Skills Training School', 'gaoqiao', '第一组（山门镇高桥村）'),
  qingshuiOrg('qs-taoyuan-school', '清水县涛源培训学校', 'Qingshui Taoyuan Training School', 'gaoqiao', '第一组（山门镇高桥村）'),
  qingshuiOrg('qs-yumiao-kindergarten', '清水县永清镇育苗幼儿园', 'Yongqing Yumiao Kindergarten, Qingshui', 'liwan', '第二组（白驼镇梨湾村）'),
  qingshuiOrg('qs-delong-kindergarten', '清水县永清镇德隆育苗幼儿园', 'Yongqing Delong Yumiao Kindergarten, Qingshui', 'liwan', '第二组（白驼镇梨湾村）'),
  qingshuiOrg('qs-kebo-school', '清水县科博职业技能培训学校', 'Qingshui Kebo Vocational Skills Training School', 'liwan', '第二组（白驼镇梨湾村）'),
  qingshuiOrg('qs-xinkeji-school', '清水县新科技职业技能培训学校', 'Qingshui New Technology Vocational Skills Training School', 'liwan', '第二组（白驼镇梨湾村）'),
  qingshuiOrg('qs-one-to-one-association', '清水县“一对一献爱心”贫困儿童资助协会', 'Qingshui "One-to-One" Association for Poor Children', 'shigou', '第三组（山门镇史沟村）'),
  qingshuiOrg('qs-elderly-care-home', '清水县老年养护院', 'Qingshui Elderly Care Home', 'yaotao', '第四组（山门镇腰套村）'),
  qingshuiOrg('qs-beilei-kindergarten', '清水县永清镇蓓蕾幼儿园', 'Yongqing Beilei Kindergarten, Qingshui', 'maichi', '第五组（秦亭镇麦池村）'),
  qingshuiOrg('qs-qiseguang-kindergarten', '清水县永清镇七色光幼儿园', 'Yongqing Rainbow Kindergarten, Qingshui', 'maichi', '第五组（秦亭镇麦池村）'),
  qingshuiOrg('qs-xiaojingling-kindergarten', '清水县永清镇小精灵幼儿园', 'Yongqing Little Sprite Kindergarten, Qingshui', 'maichi', '第五组（秦亭镇麦池村）'),
  qingshuiOrg('qs-wenxi-kindergarten', '清水县永清镇文曦幼儿园', 'Yongqing Wenxi Kindergarten, Qingshui', 'maichi', '第五组（秦亭镇麦池村）'),
  qingshuiOrg('qs-qingxiong-school', '清水县清雄安保培训学校', 'Qingshui Qingxiong Security Training School', 'meijiang', '第六组（贾川乡梅江村）'),
  qingshuiOrg('qs-bee-association', '清水县蜜蜂产业协会', 'Qingshui Beekeeping Industry Association', 'meijiang', '第六组（贾川乡梅江村）'),
  qingshuiOrg('qs-hongyuan-school', '清水县宏远职业技能培训学校', 'Qingshui Hongyuan Vocational Skills Training School', 'meijiang', '第六组（贾川乡梅江村）'),
];

function lizhouUnit(ref: string, name: string, nameEn: string, villageRef: string, description: string): DemoOrganization {
  return {
    ref,
    input: { name, nameEn, kind: 'public_unit', city: '广元市', description },
    pairedVillageRefs: [villageRef],
  };
}

const lizhouUnits: DemoOrganization[] = [
  lizhouUnit('lz-poverty-bureau', '利州区扶贫移民局', 'Lizhou District Poverty Alleviation and Resettlement Bureau', 'songjia', '包带宝轮镇宋家村，实现入户路和院坝硬化全覆盖，机关食堂和职工团购村里的核桃。'),
  lizhouUnit('lz-agriculture-bureau', '利州区农业局', 'Lizhou District Agriculture Bureau', 'shuguang', '龙潭乡曙光村的包带部门，重点帮助发展蔬菜产业。'),
  lizhouUnit('lz-political-legal-commission', '利州区委政法委', 'Lizhou District Political and Legal Affairs Commission', 'fengyan', '帮扶荣山镇峰岩村，通过熟人、商场、超市和电商平台销售魔芋8000余斤。'),
  lizhouUnit('lz-transport-bureau', '利州区交通局', 'Lizhou District Transport Bureau', 'zuojia', '按“缺什么补什么”原则包带交通设施落后的宝轮镇左家村。'),
  lizhouUnit('lz-party-office', '利州区委办公室', 'Lizhou District Party Committee General Office', 'sujia', '包带宝轮镇苏家村，帮助农户发展养鸡、养牛、养猪。'),
];

// Invented: no enterprise buyer is named in the sources.
const enterprises: DemoOrganization[] = [
  {
    ref: 'tianfu-supply-chain',
    input: {
      name: '成都天府惠农供应链有限公司',
      nameEn: 'Chengdu Tianfu Huinong Supply Chain Co., Ltd.',
      kind: 'enterprise',
      city: '成都市',
      description: '为成都企业食堂和社区生鲜店集中采购扶贫村农产品，提供冷链物流。',
    },
    pairedVillageRefs: ['tudiao', 'jinfeng', 'fengyan', 'taishan'],
  },
];

export const demoOrganizations: DemoOrganization[] = [
  ...chengduCommunities,
  ...chengduSocialOrganizations,
  ...qingshuiOrganizations,
  ...lizhouUnits,
  ...enterprises,
];

const coopNames: Record<string, [string, string]> = {
  tudiao: ['土地坳村土鸡专业合作社', 'Tudiao Village Free-Range Chicken Cooperative'],
  qinggang: ['青岗村稻虾养殖专业合作社', 'Qinggang Village Rice-and-Crayfish Cooperative'],
  baiguo: ['白果村花生核桃种植专业合作社', 'Baiguo Village Peanut and Walnut Cooperative'],
  shuangshi: ['双石村土鸡山羊养殖专业合作社', 'Shuangshi Village Chicken and Goat Cooperative'],
  xinglong: ['兴隆村脆红李专业合作社', 'Xinglong Village Crisp Plum Cooperative'],
  heping: ['和平村土鸡专业合作社', 'Heping Village Free-Range Chicken Cooperative'],
  bailin: ['柏林村核桃专业合作社', 'Bailin Village Walnut Cooperative'],
  jinfeng: ['金凤村果禽专业合作社', 'Jinfeng Village Fruit and Poultry Cooperative'],
  tianchi: ['天池村小龙虾养殖专业合作社', 'Tianchi Village Crayfish Cooperative'],
  shuanglong: ['双龙村土鸡蛋专业合作社', 'Shuanglong Village Egg Cooperative'],
  gaoqiao: ['高桥村中蜂养殖专业合作社', 'Gaoqiao Village Native Bee Cooperative'],
  liwan: ['梨湾村花椒苹果专业合作社', 'Liwan Village Pepper and Apple Cooperative'],
  shigou: ['史沟村蜂蜜粉条专业合作社', 'Shigou Village Honey and Noodle Cooperative'],
  yaotao: ['腰套村马铃薯专业合作社', 'Yaotao Village Potato Cooperative'],
  maichi: ['麦池村苦荞种植专业合作社', 'Maichi Village Buckwheat Cooperative'],
  meijiang: ['梅江村蜂业专业合作社', 'Meijiang Village Beekeeping Cooperative'],
  songjia: ['宋家村核桃专业合作社', 'Songjia Village Walnut Cooperative'],
  shuguang: ['曙光村蔬菜专业合作社', 'Shuguang Village Vegetable Cooperative'],
  fengyan: ['峰岩村魔芋专业合作社', 'Fengyan Village Konjac Cooperative'],
  taishan: ['太山村食用菌专业合作社', 'Taishan Village Mushroom Cooperative'],
  zuojia: ['左家村核桃红薯专业合作社', 'Zuojia Village Walnut and Sweet Potato Cooperative'],
  sujia: ['苏家村畜禽养殖专业合作社', 'Sujia Village Livestock and Poultry Cooperative'],
};

const coopAccounts: DemoAccount[] = demoVillages.map((v) => {
  const [displayName, displayNameEn] = coopNames[v.ref] ?? [`${v.input.name}专业合作社`, `${v.input.nameEn} Cooperative`];
  return { ref: `coop-${v.ref}`, role: 'coop', displayName, displayNameEn, villageRef: v.ref };
});

const leaderAccounts: DemoAccount[] = [
  { ref: 'leader-shuijingfang', role: 'leader', displayName: '水井坊社区团长 张敏', displayNameEn: 'Zhang Min, Shuijingfang Community group buyer', organizationRef: 'shuijingfang' },
  { ref: 'leader-yulin', role: 'leader', displayName: '玉林社区团长 李娟', displayNameEn: 'Li Juan, Yulin Community group buyer', organizationRef: 'yulin' },
  { ref: 'leader-poultry-association', role: 'leader', displayName: '成都市家禽产业协会 采购 王强', displayNameEn: 'Wang Qiang, purchasing, Chengdu Poultry Industry Association', organizationRef: 'chengdu-poultry-association' },
  { ref: 'leader-qs-bee-association', role: 'leader', displayName: '清水县蜜蜂产业协会 赵海燕', displayNameEn: 'Zhao Haiyan, Qingshui Beekeeping Industry Association', organizationRef: 'qs-bee-association' },
  { ref: 'leader-qs-elderly-care-home', role: 'leader', displayName: '清水县老年养护院 食堂 马建国', displayNameEn: 'Ma Jianguo, kitchen, Qingshui Elderly Care Home', organizationRef: 'qs-elderly-care-home' },
  { ref: 'leader-lz-poverty-bureau', role: 'leader', displayName: '利州区扶贫移民局 工会 何静', displayNameEn: 'He Jing, staff union, Lizhou Poverty Alleviation and Resettlement Bureau', organizationRef: 'lz-poverty-bureau' },
  { ref: 'leader-tianfu-supply-chain', role: 'leader', displayName: '天府惠农供应链 采购 周磊', displayNameEn: 'Zhou Lei, purchasing, Tianfu Huinong Supply Chain', organizationRef: 'tianfu-supply-chain' },
];

const buyerAccounts: DemoAccount[] = [
  { ref: 'buyer-liu-fang', role: 'buyer', displayName: '刘芳（锦江区居民）', displayNameEn: 'Liu Fang (Jinjiang District resident)' },
  { ref: 'buyer-chen-wei', role: 'buyer', displayName: '陈伟（武侯区居民）', displayNameEn: 'Chen Wei (Wuhou District resident)' },
  { ref: 'buyer-yang-yang', role: 'buyer', displayName: '杨洋（成华区居民）', displayNameEn: 'Yang Yang (Chenghua District resident)' },
  { ref: 'buyer-deng-li', role: 'buyer', displayName: '邓丽（高新区居民）', displayNameEn: 'Deng Li (High-Tech Zone resident)' },
];

const organizerAccounts: DemoAccount[] = [
  { ref: 'organizer-jianyang', role: 'organizer', displayName: '简阳市民政局·扶贫办 脱贫攻坚协调办公室', displayNameEn: 'Jianyang Civil Affairs Bureau and Poverty Alleviation Office, Coordination Office' },
  { ref: 'organizer-qingshui', role: 'organizer', displayName: '清水县社会组织管理局', displayNameEn: 'Qingshui County Social Organisation Administration Bureau' },
];

export const demoAccounts: DemoAccount[] = [...coopAccounts, ...leaderAccounts, ...buyerAccounts, ...organizerAccounts];

export interface DemoGroupBuy {
  ref: string;
  leaderRef: string;
  villageRef: string;
  productRef: string;
  unitPriceFen: number;
  minQuantity: number;
  maxQuantity: number;
  /** Days after seeding; the deadline falls at 20:00 Beijing time that day. */
  closesInDays: number;
  pickupPoint: { name: string; address: string; pickupTime: string };
  title: string;
}

/** Open group buys, as 成都 community leaders ran them for the pilot villages' chicken (城乡社区互助). */
export const demoGroupBuys: DemoGroupBuy[] = [
  {
    ref: 'gb-shuijingfang-chicken',
    leaderRef: 'leader-shuijingfang',
    villageRef: 'tudiao',
    productRef: 'tudiao-chicken',
    unitPriceFen: 15_800,
    minQuantity: 20,
    maxQuantity: 60,
    closesInDays: 3,
    pickupPoint: { name: '水井坊社区党群服务中心', address: '成都市锦江区水井街 1 号', pickupTime: '周六 9:00–11:30' },
    title: '土地坳村林下土鸡 · 水井坊社区团购',
  },
  {
    ref: 'gb-yulin-plums',
    leaderRef: 'leader-yulin',
    villageRef: 'tudiao',
    productRef: 'tudiao-eggs',
    unitPriceFen: 5_200,
    minQuantity: 15,
    maxQuantity: 40,
    closesInDays: 5,
    pickupPoint: { name: '玉林社区邻里中心', address: '成都市武侯区玉林北路 2 号', pickupTime: '周日 15:00–18:00' },
    title: '土地坳村土鸡蛋 · 玉林社区团购',
  },
];
