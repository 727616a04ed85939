// Value-shape detectors that need no field name, and field names matched on their normalised words.

import { describe, expect, it } from 'vitest';
import { PiDetector } from '../../../src/analysis/pii/detect-leaf.ts';
import { addressDetector } from '../../../src/analysis/pii/address.ts';
import { bankCardDetector } from '../../../src/analysis/pii/bank-card.ts';
import { mobileDetector } from '../../../src/analysis/pii/mobile.ts';
import { chineseNameDetector, isChineseName, isLatinName } from '../../../src/analysis/pii/personal-name.ts';
import { MIN_CONFIDENCE } from '../../../src/rules/sent-observations.ts';
import { isVin, vinDetector } from '../../../src/analysis/pii/vin.ts';
import type { Leaf } from '../../../src/analysis/decode/leaf.ts';
import { testCatalogs } from '../helpers.ts';

const values = (d: { scan(t: string): Array<{ value: string }> }, t: string): string[] => d.scan(t).map((h) => h.value);
const at = (path: string, value: string, extra: Partial<Leaf> = {}): Leaf => {
  const m = /^(.*?)(?:\.([^.[\]]+))$/.exec(path)!;
  return { path, key: m[2], parent: m[1], value, chain: ['json'], location: 'body', ...extra };
};

describe('formats recognised by the value alone', () => {
  it('bank cards: issuer prefix and Luhn, whole values only', () => {
    expect(values(bankCardDetector, '6222021234567890128')).toEqual(['6222021234567890128']);
    expect(values(bankCardDetector, '6222 0212 3456 7890 128')).toEqual(['6222 0212 3456 7890 128']);
    expect(values(bankCardDetector, '4111 1111 1111 1111')).toEqual([]); // the network's test card: too uniform
    expect(values(bankCardDetector, '6222021234567890127')).toEqual([]); // check digit wrong
    expect(values(bankCardDetector, '9222021234567890126')).toEqual([]); // no card network starts with 9
    expect(values(bankCardDetector, 'order 6222021234567890128')).toEqual([]);
    expect(values(bankCardDetector, '1700000000000')).toEqual([]); // a timestamp
  });

  it('VINs by their check digit', () => {
    expect(isVin('1M8GDM9AXKP042788')).toBe(true); // the check-digit example of 49 CFR 565
    expect(values(vinDetector, ' 1m8gdm9axkp042788 ')).toEqual(['1M8GDM9AXKP042788']);
    expect(isVin('1M8GDM9A1KP042788')).toBe(false);
    expect(isVin('ABCDEFGHJKLMNPRST')).toBe(false);
  });

  it('Chinese addresses need a division and a street-level part', () => {
    expect(values(addressDetector, '广东省深圳市南山区科技园路18号')).toHaveLength(1);
    expect(values(addressDetector, '北京市昌平区回龙观镇新龙城12A-1-123')).toHaveLength(0);
    expect(values(addressDetector, '北京市朝阳区北苑路北辰泰岳大厦')).toHaveLength(1);
    expect(values(addressDetector, '北京市朝阳区北苑路')).toHaveLength(0);
    expect(values(addressDetector, '北京市朝阳区')).toEqual([]);
    expect(values(addressDetector, '上海市')).toEqual([]);
  });

  it('Chinese names without a name field: a common surname, no ordinary word, below the rules\' confidence floor', () => {
    expect(values(chineseNameDetector, '张三')).toEqual(['张三']);
    expect(values(chineseNameDetector, ' 王芳 ')).toEqual(['王芳']);
    expect(chineseNameDetector.scan('张三')[0]!.confidence).toBeLessThan(MIN_CONFIDENCE);
    // Dictionary words that begin with a surname, words made of one (黄金 + 会员), organisations and places.
    for (const word of ['余额', '高级', '马上', '安静', '谢谢', '黄金会员', '王者荣耀', '中国银行', '显示悬浮窗']) expect(values(chineseNameDetector, word), word).toEqual([]);
    // A rare surname that is an everyday character (时, 包) counts only under a name field.
    expect(values(chineseNameDetector, '包文件')).toEqual([]);
    expect(isChineseName('包文件')).toBe(true);
  });

  it('English street lines: house number, capitalised name, street type', () => {
    expect(values(addressDetector, '17 Cherry Tree Lane')).toEqual(['17 Cherry Tree Lane']);
    expect(values(addressDetector, '381 Park Avenue S')).toEqual(['381 Park Avenue S']);
    expect(values(addressDetector, '221B Baker Street, London NW1 6XE')).toHaveLength(1);
    expect(values(addressDetector, '5 ways to save')).toEqual([]);
    expect(values(addressDetector, 'Park Avenue')).toEqual([]); // no house number: a street, not an address
    expect(values(addressDetector, 'version 2 Road map')).toEqual([]);
  });

  it('mobile numbers grouped by spaces or dashes, with +86', () => {
    expect(values(mobileDetector, '+86 139 1234 5678')).toEqual(['+86 139 1234 5678']);
    expect(values(mobileDetector, 'tel 139-1234-5678.')).toEqual(['139-1234-5678']);
    expect(values(mobileDetector, '1391234 5678')).toEqual([]);
  });

  it('personal names: Chinese by surname, not organisations; Latin as two or three capitalised words', () => {
    expect(isChineseName('丁朋伟')).toBe(true);
    expect(isChineseName('欧阳娜娜')).toBe(true);
    expect(isChineseName('中国建设银行')).toBe(false);
    expect(isChineseName('黄山市')).toBe(false);
    expect(isChineseName('今日点亮')).toBe(false);
    expect(isLatinName('Peter Gibbons')).toBe(true);
    expect(isLatinName('Initech')).toBe(false);
    expect(isLatinName('peter gibbons')).toBe(false);
  });
});

describe('field names on their words, values deciding', () => {
  const d = new PiDetector(testCatalogs());
  const types = (leaves: Leaf[]): string[] => d.detectAll(leaves, () => '').map((f) => `${f.detection.piType} ${f.path}`).sort();

  it('tails, trailing digits and noise words, pinyin and Chinese endings', () => {
    expect(types([at('body.receiverPhone', '13912345678'), at('body.phone0', '12312341234'), at('body.user_mobile_no', '13912345678')]))
      .toEqual(['phone_number body.phone0', 'phone_number body.receiverPhone', 'phone_number body.user_mobile_no']);
    expect(types([at('body.联系人手机', '13912345678'), at('body.sfzhm', '44030419900307123X')])).toEqual(['id_number body.sfzhm', 'phone_number body.联系人手机']);
    expect(types([at('body.phoneModel', 'Redmi Note 3'), at('body.phoneBrand', 'Xiaomi')])).toEqual(['device_model body.phoneModel']);
  });

  it('a name inside its object: device.model, os.version; not elsewhere', () => {
    expect(types([at('body.device.model', 'SM-G780G'), at('body.os.version', '8.1.3'), at('body.order.model', 'premium'), at('body.app.version', '2.3.6')]))
      .toEqual(['device_model body.device.model', 'os_version body.os.version']);
  });

  it('a bare "name" is a person only when shaped like one and not a thing', () => {
    expect(types([at('body.traits.name', 'Peter Gibbons'), at('body.campaign.name', 'Referral Flow'), at('body.query.name', '丁朋伟'), at('body.app.appName', '王者荣耀')]))
      .toEqual(['real_name body.query.name', 'real_name body.traits.name']);
  });

  it('generic identifier names: the format and the platform decide the type', () => {
    const uuid = 'fece34ee-6b48-442c-8765-177b99ee32b9';
    expect(types([at('body.device.ifa', uuid), at('body.device.os', 'iOS')])).toEqual(['idfa body.device.ifa']);
    expect(types([at('body.device.ifa', uuid), at('body.device.os', 'Android')])).toEqual(['gaid body.device.ifa']);
    expect(types([at('body.device.ifa', uuid)])).toEqual(['advertising_id body.device.ifa']);
    expect(types([at('body.device.ifa', '00000000-0000-0000-0000-000000000000'), at('body.device.os', 'iOS')])).toEqual([]);
    expect(types([at('body.device.did', '353347060342647'), at('body.d2.did', 'A00000595F7C3E'), at('body.d3.did', 'e4715b3cf800de48')]))
      .toEqual(['android_id body.d3.did', 'imei body.device.did', 'meid body.d2.did']);
    expect(types([at('body.device.adid', '1234567890ABCDEF')])).toEqual([]);
  });

  it('a type a sibling names outright is not the generic field\'s; a sibling of one platform makes it the other\'s', () => {
    const [idfa, idfv, other] = ['AEBE52E7-03EE-455A-B3C4-E57283966239', 'BCCE52E7-03EE-321A-B3D4-E57123966239', 'C8F9E604-F01A-4BD9-95C6-8E5357DF265D'];
    const ev = (extra: Leaf[]): Leaf[] => [at('body.e.platform', 'iOS'), at('body.e.idfa', idfa), at('body.e.idfv', idfv), ...extra];
    // Amplitude: adid beside idfa is the Google advertising id, device_id beside idfv is no IDFV.
    expect(types(ev([at('body.e.adid', idfa), at('body.e.device_id', other)]))).toEqual(['gaid body.e.adid', 'idfa body.e.idfa', 'idfv body.e.idfv']);
    // Without the siblings the platform decides, as before.
    expect(types([at('body.e.platform', 'iOS'), at('body.e.adid', idfa), at('body.e.device_id', other)])).toEqual(['idfa body.e.adid', 'idfv body.e.device_id']);
    // An Android ID under its own name may be written as a UUID; under a generic name it must have its own format.
    expect(types([at('query.android_id', '3f034872-5e28-45a1-9eda-ce22a3e36d1a')])).toEqual(['android_id query.android_id']);
    expect(types([at('body.device.did', '3f034872-5e28-45a1-9eda-ce22a3e36d1a')])).toEqual([]);
  });

  it('a bare "name" beside an e-mail, phone or sex field is that person\'s name, when written in letters', () => {
    expect(types([at('body[0].$set.$name', 'Alice'), at('body[0].$set.$email', 'alice@linear.app')])).toEqual(['email body[0].$set.$email', 'real_name body[0].$set.$name']);
    expect(types([at('body.list[0].name', 'd'), at('body.list[0].tel', '13811111111')])).toEqual(['phone_number body.list[0].tel', 'real_name body.list[0].name']);
    expect(types([at('body.p.name', 'User_id_identify'), at('body.p.email', 'a@b.co')])).toEqual(['email body.p.email']);
    expect(types([at('body.company.name', 'Initech'), at('body.company.email', 'info@initech.example')])).toEqual(['email body.company.email']);
    expect(types([at('body.u.name', 'Alice')])).toEqual([]);
    // Beside a sex field too; in Chinese characters but no Chinese name (no surname first) it is a nickname (小灰).
    expect(types([at('body.p.name', '小灰'), at('body.p.sex', 'male')])).toEqual(['gender body.p.sex', 'nickname body.p.name']);
    expect(types([at('body.p.name', '王芳'), at('body.p.sex', 'female')])).toEqual(['gender body.p.sex', 'real_name body.p.name']);
    // A documentation placeholder is no value.
    expect(types([at('body.m.name', 'xxx'), at('body.m.tel', '13811111111')])).toEqual(['phone_number body.m.tel']);
  });

  it('screen_name is a handle inside a person\'s object, the title of a screen among event properties', () => {
    expect(types([at('body.user.screen_name', 'pgibbons'), at('body.properties.$screen_name', 'HomePage')])).toEqual(['nickname body.user.screen_name']);
    // "data" wraps a user's record in many responses, but inside an event it holds the event's fields.
    expect(types([at('body.data.screen_name', 'pgibbons'), at('body.events[10].data.screen_name', 'Example screen event')])).toEqual(['nickname body.data.screen_name']);
  });

  it('a school is education in a person\'s record (beside a name or sex field), not in a list of schools', () => {
    expect(types([at('body.list[0].name', '张教练'), at('body.list[0].sex', '1'), at('body.list[0].school', '人大')]))
      .toEqual(['education body.list[0].school', 'gender body.list[0].sex', 'real_name body.list[0].name']);
    expect(types([at('body.schools[0].school', '人大'), at('body.schools[0].city', '北京')])).toEqual([]);
  });

  it('a sex coded 0 is "not set" (WeChat, QQ, JMessage), 1 and letters are values', () => {
    expect(types([at('body.list[0].gender', '0'), at('body.list[0].mobile', '0')])).toEqual([]);
    expect(types([at('body.list[0].gender', '1'), at('body.u.sex', 'F')])).toEqual(['gender body.list[0].gender', 'gender body.u.sex']);
  });

  it('an address under its name needs a part below the city; a city or area alone is no address', () => {
    expect(types([at('response.body.address', 'shenzhen'), at('body.a.address', '北京市朝阳区')])).toEqual([]);
    expect(types([at('body.b.address', '北京市市辖区东城区 ddd'), at('body.c.address', 'Flat 2, Baker Street, London'), at('body.d.address', '12 rue de Rivoli')]))
      .toEqual(['address body.b.address', 'address body.c.address', 'address body.d.address']);
  });

  it('server-assigned account ids are not account names; user names are', () => {
    expect(types([at('body.ext.accountId', '12345'), at('body.login_name', 'pgibbons')])).toEqual(['account_id body.login_name']);
    // A bare "account" is the sign-in name only in a person's record, and only written with a letter.
    expect(types([at('body.params[0].account', 'ms-xiaoice', { parent: 'body.params[0]' }), at('body.params[0].sex', '1', { parent: 'body.params[0]' }), at('body.order.account', 'acme-corp')]))
      .toEqual(['account_id body.params[0].account', 'gender body.params[0].sex']);
  });

  it('in a person\'s record the account may be a number; a bare "user" is the sign-in when it holds no name', () => {
    // QQ's user record (Mojo-Webqq) and a school app's login response (pft_i); uid beside them stays a server's id.
    expect(types([at('body.account', '1234567'), at('body.uid', '1234567'), at('body.sex', 'male')])).toEqual(['account_id body.account', 'gender body.sex']);
    expect(types([at('body.data.user', '12345678901'), at('body.data.name', '张三'), at('body.data.sex', '1')]))
      .toEqual(['account_id body.data.user', 'gender body.data.sex', 'real_name body.data.name']);
    expect(types([at('body.data.user', '王芳'), at('body.data.sex', '1')])).toEqual(['gender body.data.sex', 'real_name body.data.user']);
    // Outside a person's record a number under "account" or "user" is no account name.
    expect(types([at('body.order.account', '1234567'), at('body.stats.user', '12345')])).toEqual([]);
    expect(types([at('body.account', '1234')])).toEqual([]);
  });

  it('the sender and addressee of a chat message are the names those people go by, not ids', () => {
    expect(types([at('body.sender', '灰灰'), at('body.receiver', '小灰'), at('body.sender_id', '2372835507'), at('body.content', '测试一下')]))
      .toEqual(['nickname body.receiver', 'nickname body.sender']);
    expect(types([at('body.msg.from_name', 'Alice'), at('body.msg.to_name', '10001')])).toEqual(['nickname body.msg.from_name']);
    // No message, no nickname: a mail server's sender setting, a parcel's receiver who is no name.
    expect(types([at('body.smtp.sender', 'Mailer'), at('body.parcel.receiver', '前台')])).toEqual([]);
  });

  it('a chat message\'s accounts are handles with a letter; numbers and e-mail addresses are left to their own types', () => {
    expect(types([at('body.from_id', 'fang'), at('body.target_id', 'javen'), at('body.msg_type', 'text')])).toEqual(['account_id body.from_id', 'account_id body.target_id']);
    expect(types([at('body.m.from', 'user1'), at('body.m.to', '10001'), at('body.m.msg_id', '8924312242322')])).toEqual(['account_id body.m.from']);
    expect(types([at('body.route.from', 'PEK'), at('body.route.to', 'SHA')])).toEqual([]);
  });

  it('a person\'s name under a thing\'s name is the thing\'s; a surname and a title is a form of address', () => {
    expect(types([at('body.c.corp_full_name', '腾讯科技有限公司'), at('body.c.corp_name', '腾讯'), at('body.c.email', 'a@b.cn')])).toEqual(['email body.c.email']);
    expect(types([at('body.extattr.attrs[0].name', '文本名称'), at('body.u.full_name', '王芳')])).toEqual(['real_name body.u.full_name']);
    expect(types([at('body.follow_user[0].remark', '李部长'), at('body.x.text', '李总')])).toEqual([]);
  });

  it('an OS version inside an object named by the OS; another part\'s version is not it; "os" holding a version', () => {
    expect(types([at('body.contexts.windows.version', '10.0.19041'), at('body.contexts.mac.kernel_version', '20.2.0'), at('body.tags.os', 'Windows 8'), at('body.p.os', 'android')]))
      .toEqual(['os_version body.contexts.windows.version', 'os_version body.tags.os']);
  });

  it('eleven digits under a thing\'s id are that id; under a person\'s field they are a phone number', () => {
    expect(types([at('body.event.id', '19293981000'), at('body.order_id', '13912345678'), at('body.user.mobile', '13912345678')])).toEqual(['phone_number body.user.mobile']);
  });

  it('an identity document\'s validity dates in a person\'s record, a boarding pass number', () => {
    expect(types([at('body.ValidFromDate', '20100101'), at('body.ValidToDate', '20300101'), at('body.Sex', '男'), at('body.BoardPassNo', 'M1ZHANG/SAN EABCDEF PEKSHACA 1234')]))
      .toEqual(['gender body.Sex', 'id_validity body.ValidFromDate', 'id_validity body.ValidToDate', 'itinerary body.BoardPassNo']);
    expect(types([at('body.coupon.valid_to', '20300101')])).toEqual([]);
  });

  it('an address object with no value in it discloses nothing; parts after an owner\'s word are one address', () => {
    const empty = [at('response.body.address', '<object of 2 fields>', { items: 2 })];
    expect(types(empty)).toEqual([]);
    expect(types([...empty, at('response.body.address.line1', '510 Townsend St', { parent: 'response.body.address' })])).toEqual(['address response.body.address.line1']);
    expect(types([...empty, at('response.body.address.country', 'US', { parent: 'response.body.address' })])).toEqual([]);
    expect(types([at('body.o.buyer_province', '广东省'), at('body.o.buyer_city', '深圳市'), at('body.o.buyer_address', '南山区科技园路18号'), at('body.o.buyer_zipcode', '518000')]))
      .toEqual(['address body.o']);
  });

  it('shapes that name themselves: a Matrix user ID, a geo: URI; an HTML bio is read as its text', async () => {
    expect(types([at('body.identifier.user', 'cheeky_monkey'), at('body.identifier.type', 'm.id.user'), at('response.body.sender', '@alice:example.org')]))
      .toEqual(['account_id body.identifier.user', 'account_id response.body.sender']);
    expect(types([at('body.content.geo_uri', 'geo:51.5008,0.1247;u=35'), at('body.v', 'geo:1,2')])).toEqual(['location body.content.geo_uri']);
    const { decodeBody } = await import('../helpers.ts');
    const r = await decodeBody(JSON.stringify({ note: '<p>Mail me: <a href="mailto:x">ann@example.cn</a></p>' }), 'application/json');
    expect(r.at('body.note')).toMatchObject({ value: 'Mail me: ann@example.cn', chain: ['json', 'html'] });
    expect(d.detectAll(r.leaves, () => '').map((f) => `${f.detection.piType} ${f.path}`)).toEqual(['email body.note']);
  });

  it('a list of a service\'s customers is its records, not an address book; a bot\'s record names no person', () => {
    const entry = (list: string, i: number): Leaf[] => [at(`${list}[${i}].first_name`, ['王芳', '李娜'][i]!, { parent: `${list}[${i}]` }), at(`${list}[${i}].phone`, `1391234567${i}`, { parent: `${list}[${i}]` })];
    expect(types([at('response.body', '<array of 2 items>', { key: 'customers', items: 2, parent: undefined }), ...entry('response.body', 0), ...entry('response.body', 1)]))
      .toEqual(['phone_number response.body[0].phone', 'phone_number response.body[1].phone', 'real_name response.body[0].first_name', 'real_name response.body[1].first_name']);
    expect(types([...entry('body.book', 0), ...entry('body.book', 1)])).toEqual(['contacts body.book']);
    expect(types([at('body.m.email', 'iago-bot@zulip.example'), at('body.m.is_bot', 'true'), at('body.u.email', 'ann@zulip.example')])).toEqual(['email body.u.email']);
  });

  it('a list of addresses found entry by entry is said by its entries; a confirmation field is the field it confirms', () => {
    expect(types([at('body.c.addresses', '<array of 1 items>', { items: 1 }), at('body.c.addresses[0].address1', '17 Cherry Tree Lane', { parent: 'body.c.addresses[0]' })]))
      .toEqual(['address body.c.addresses[0].address1']);
    expect(types([at('body.customer.password_confirmation', 'newpass'), at('body.u.email', 'zhanxxxxx@a.com')])).toEqual(['password body.customer.password_confirmation']);
  });

  it('typed values: a value field is what its object\'s type field or its own object\'s name says (FHIR, Plaid, Duffel)', () => {
    expect(types([at('body.telecom[1].system', 'phone'), at('body.telecom[1].value', '(03) 5555 6473'), at('body.telecom[2].system', 'email'), at('body.telecom[2].value', 'jim@example.org')]))
      .toEqual(['email body.telecom[2].value', 'phone_number body.telecom[1].value']);
    expect(types([at('body.identity.phone_numbers[0].data', '2123433503'), at('body.identity.phone_numbers[0].primary', 'true')])).toEqual(['phone_number body.identity.phone_numbers[0].data']);
    expect(types([at('body.p.identity_documents[0].type', 'passport'), at('body.p.identity_documents[0].unique_identifier', '19KL56147'), at('body.p.born_on', '1987-07-24')]))
      .toEqual(['birth_date body.p.born_on', 'passport_number body.p.identity_documents[0].unique_identifier']);
    // A dotted code is no type word (Matrix's "type": "m.login.password" beside an identifier object).
    expect(types([at('body.type', 'm.login.password'), at('body.identifier', '<object of 2 fields>', { items: 2 })])).toEqual([]);
  });

  it('FHIR names; organisations written like names; placeholders under a name; trip ends are places, their coordinates theirs', () => {
    const item = (path: string, key: string, value: string): Leaf => ({ path, key, parent: 'body.name[0]', value, chain: ['json'], location: 'body', item: true });
    expect(types([item('body.name[0].family[0]', 'family', 'Chalmers'), item('body.name[0].given[0]', 'given', 'Peter')]))
      .toEqual(['real_name body.name[0].family[0]', 'real_name body.name[0].given[0]']);
    expect(types([at('body.owner.name', 'British Airways'), at('body.p.hospital', '1'), at('body.p.sex', '1'), at('body.p.patientIdNo', '123456765')])).toEqual(['gender body.p.sex']);
    expect(types([at('body.slices[0].origin', '<object of 3 fields>', { items: 3 }), at('body.slices[0].origin.iata_code', 'LHR', { parent: 'body.slices[0].origin' }),
      at('body.slices[0].origin.latitude', '51.470311', { parent: 'body.slices[0].origin' }), at('body.slices[0].origin.longitude', '-0.458118', { parent: 'body.slices[0].origin' }),
      at('body.conditions.change_before_departure', '<object of 1 fields>', { items: 1 }), at('body.conditions.change_before_departure.allowed', 'true', { parent: 'body.conditions.change_before_departure' })]))
      .toEqual(['departure_place body.slices[0].origin']);
  });

  it('a range bound and a search filter are no person\'s age or sex; an identity document\'s own dates are its validity', () => {
    expect(types([at('body.minAge', '18'), at('body.max_age', '30'), at('response.body.searchCondition.gender', '2'), at('body.u.age', '25')])).toEqual(['age body.u.age']);
    // An issue date says when the document was issued, not how long it holds.
    expect(types([at('body.passport[0].expiryDate', '2030-01-01', { parent: 'body.passport[0]' }), at('body.drivingPermit[0].issueDate', '2020-01-01', { parent: 'body.drivingPermit[0]' }),
      at('body.drivingPermit[0].expiryDate', '2032-02-02', { parent: 'body.drivingPermit[0]' }), at('body.coupon.expiryDate', '2030-01-01')]))
      .toEqual(['id_validity body.drivingPermit[0].expiryDate', 'id_validity body.passport[0].expiryDate']);
  });

  it('a contextual name inside an object named by a several-word parent (identity_documents); a seat\'s designator', () => {
    const doc = 'body.p.identity_documents[0]';
    const seat = 'response.body.s.passengers[0].seat';
    expect(types([at(`${doc}.expires_on`, '2025-04-25', { parent: doc }), at(`${seat}.designator`, '14B', { parent: seat }), at('body.table.designator', 'A1')]))
      .toEqual(['id_validity body.p.identity_documents[0].expires_on', 'seat_number response.body.s.passengers[0].seat.designator']);
  });

  it('under an ID name, a resident ID\'s layout with a real birth date counts even when its check character is wrong', () => {
    expect(types([at('body.id_number', '440305198305101409'), at('body.u.id_number', '341111111111111111'), at('body.v.idcard', '440305830510140')]))
      .toEqual(['id_number body.id_number', 'id_number body.v.idcard']);
  });

  it('a validity period under a general name counts when it spans a document\'s years', () => {
    expect(types([at('response.body.R.ValidDate', '2010.07.21-2020.07.21'), at('response.body.S.ValidDate', '2015年03月01日至长期')]))
      .toEqual(['id_validity response.body.R.ValidDate', 'id_validity response.body.S.ValidDate']);
    // A bank card's expiry and a coupon's period are no identity document's validity.
    expect(types([at('response.body.card.ValidDate', '07/2023'), at('body.coupon.valid_date', '2023.01.01-2023.12.31')])).toEqual([]);
  });

  it('a document number is the number of the document its object is named for', () => {
    expect(types([at('body.passport[0].documentNumber', '321654987', { parent: 'body.passport[0]' }), at('body.drivingPermit[0].personalNumber', 'PARKE710112PBFGA', { parent: 'body.drivingPermit[0]' }),
      at('body.ticket.documentNumber', 'T-1234')]))
      .toEqual(['driving_license_info body.drivingPermit[0].personalNumber', 'passport_number body.passport[0].documentNumber']);
  });

  it('label/value pairs: the label names the value beside it and is no value itself', () => {
    const pair = (i: number, label: string, value: string): Leaf[] => {
      const parent = `response.body.R.Infos[${i}]`;
      return [at(`${parent}.Name`, label, { parent }), at(`${parent}.Value`, value, { parent })];
    };
    expect(types([...pair(0, '申请日期', '2021年04月16日'), ...pair(1, '起点', '富华大厦C座-正门'), ...pair(2, '上车时间', '04-0922:44周五'), ...pair(3, '车型', '礼橙专车')]))
      .toEqual(['departure_place response.body.R.Infos[1].Value', 'travel_time response.body.R.Infos[2].Value']);
    // A pair's fields may carry their words before label and value (a background check's itemPropName / itemPropValue).
    const prop = (i: number, label: string, value: string): Leaf[] => {
      const parent = `response.body.d.itemData[${i}]`;
      return [at(`${parent}.itemPropName`, label, { parent }), at(`${parent}.itemPropValue`, value, { parent })];
    };
    expect(types([...prop(0, '姓名', '王小明'), ...prop(1, '性别', '男'), ...prop(2, '核查结果', '一致')]))
      .toEqual(['gender response.body.d.itemData[1].itemPropValue', 'real_name response.body.d.itemData[0].itemPropValue']);
    // Pairs none of whose labels is a field name are records, not labels: a list of names and numbers stays an address book.
    expect(types([...pair(0, '王小明', '13912345678'), ...pair(1, '李晓华', '13812345678')])).toEqual(['contacts response.body.R.Infos']);
  });

  it('coordinate pairs named for a trip\'s ends are those ends; a place inside a trip end is that end, said once', () => {
    expect(types([at('body.start_latitude', '37.7899886'), at('body.start_longitude', '-122.4021253'), at('body.end_latitude', '37.775232'), at('body.end_longitude', '-122.4197513')]))
      .toEqual(['departure_place body', 'destination body']);
    // An out-of-range latitude (123.123456: a doc's placeholder) pairs with nothing and is not reported alone either.
    expect(types([at('body.o_lat', '123.123456'), at('body.o_lng', '123.123456')])).toEqual([]);
    const loc = 'response.body.pickup.location';
    expect(types([at('response.body.pickup', '<object of 2 fields>', { items: 2 }), at('response.body.pickup.time', '2017-05-07T01:10:00Z'),
      at(`${loc}.address`, '685 Market St, San Francisco, CA 94103, USA', { parent: loc }), at(`${loc}.latitude`, '37.7875', { parent: loc }), at(`${loc}.longitude`, '-122.4035', { parent: loc })]))
      .toEqual(['departure_place response.body.pickup.location', 'travel_time response.body.pickup.time']);
    // A journey's end is said at the journey, not again at its leg (Duffel's slices[0].segments[0].origin).
    const leg = (path: string): Leaf[] => [at(path, '<object of 2 fields>', { items: 2 }), at(`${path}.iata_code`, 'LHR', { parent: path })];
    expect(types([...leg('response.body.slices[0].origin'), ...leg('response.body.slices[0].segments[0].origin')])).toEqual(['departure_place response.body.slices[0].origin']);
  });

  it('an order list\'s names and phones are each order\'s recipient, not an address book; a street line and its house are one address', () => {
    const order = (i: number, name: string, phone: string): Leaf[] => {
      const parent = `response.body.data.items[${i}]`;
      return [at(`${parent}.order_id`, String(i + 1), { parent }), at(`${parent}.order_status`, '1', { parent }), at(`${parent}.contact`, name, { parent }),
        at(`${parent}.mobile`, phone, { parent }), at(`${parent}.addr`, '蜀山区望江路', { parent }), at(`${parent}.house`, '华润五彩国际904', { parent })];
    };
    expect(types([...order(0, '张三', '13888888888'), ...order(1, '李四', '13999999999')])).toEqual([
      'address response.body.data.items[0]', 'address response.body.data.items[1]', 'phone_number response.body.data.items[0].mobile', 'phone_number response.body.data.items[1].mobile',
      'real_name response.body.data.items[0].contact', 'real_name response.body.data.items[1].contact']);
  });

  it('a résumé: its schools and companies by their history lists, the CV object itself; a university\'s nickname is no person\'s', () => {
    const edu = 'body.candidate_cv.education[0]';
    const job = 'body.candidate_cv.career[0]';
    expect(types([at('body.candidate_cv', '<object of 2 fields>', { items: 2 }), at(`${edu}.school`, '北京交通大学', { parent: edu }), at(`${job}.company`, '北京某某科技有限公司', { parent: job }),
      at('response.body.college.uniNickname', '北交', { parent: 'response.body.college' })]))
      .toEqual(['education body.candidate_cv.education[0].school', 'employer body.candidate_cv.career[0].company', 'resume body.candidate_cv']);
  });

  it('a sign-in name written as a Chinese personal name is the person\'s name; a handle stays an account', () => {
    expect(types([at('response.body.data.username', '赵辰磊'), at('response.body.u.username', 'xiaoluobo', { parent: 'response.body.u' }), at('response.body.u.sex', '男', { parent: 'response.body.u' })]))
      .toEqual(['account_id response.body.u.username', 'gender response.body.u.sex', 'real_name response.body.data.username']);
  });

  it('server-made names and repeated characters are no one\'s name', () => {
    expect(types([at('response.body.data.nickname', '游客1702151809256950'), at('body.sender.name', '点点点', { parent: 'body.sender' }), at('body.u.nickname', '疯癫的菇凉666')]))
      .toEqual(['nickname body.u.nickname']);
  });

  it('an account of a payment channel is a fund account; its name there is the holder\'s', () => {
    expect(types([at('body.account_type', '支付宝'), at('body.account_name', '江湖信息科技'), at('body.account_number', 'ijianghu@qq.com'),
      at('response.body.items[0].account_info', '支付宝(游医:shzhrui@126.com)', { parent: 'response.body.items[0]' })]))
      .toEqual(['email body.account_number', 'email response.body.items[0].account_info', 'fund_account body.account_number', 'fund_account response.body.items[0].account_info']);
  });

  it('a list of addresses written as schema.org or GOV.UK parts is said by its entries', () => {
    const parent = 'body.address[0]';
    expect(types([at('body.address', '<array of 1 items>', { items: 1 }), at(`${parent}.streetName`, 'HADLEY ROAD', { parent }), at(`${parent}.buildingNumber`, '8', { parent }),
      at(`${parent}.postalCode`, 'BA2 5AA', { parent }), at(`${parent}.addressLocality`, 'BATH', { parent })]))
      .toEqual(['address body.address[0]']);
  });

  it('a billing record holds a person\'s name; eleven digits or a Luhn-valid number under a user id are that id', () => {
    expect(types([at('response.body.billing_details.name', 'Jenny Rosen'), at('response.body.data.uid', '14519608273'), at('body.item.user_id', '6222021234567890128')]))
      .toEqual(['real_name response.body.billing_details.name']);
  });

  it('a name that counts only by its object yields to a field beside it that names the type outright', () => {
    // mParticle's device_info: "device" is the owner's name for the device beside the model, the model when that field holds none.
    expect(types([at('body.device_info.device', "John's iPhone 5s"), at('body.device_info.device_model', 'iPhone6,1')])).toEqual(['device_model body.device_info.device_model']);
    expect(types([at('body.device_info.device', 'iPad Pro (12.9-inch) (2nd generation)'), at('body.device_info.device_model', 'x86_64')])).toEqual(['device_model body.device_info.device']);
  });

  it('an address split over fields is one address, coordinates in micro-degrees are a location', () => {
    expect(types([at('query.province', '北京'), at('query.city', '北京'), at('query.county', '昌平区'), at('query.town', '回龙观'), at('query.name', '丁朋伟')]))
      .toEqual(['address query', 'real_name query.name']);
    expect(types([at('body.gps.lat', '39916527'), at('body.gps.lng', '116397128')])).toEqual(['location body.gps']);
    expect(types([at('body.geo.lat', '19.42')])).toEqual([]);
  });

  it('a model beside device identifiers is the device model in an object of any name; an architecture is no model', () => {
    expect(types([at('body.log.model', 'samsung-sm-g900a'), at('body.log.os_version', '5.1.1')])).toEqual(['device_model body.log.model', 'os_version body.log.os_version']);
    expect(types([at('body.car.model', 'Model 3')])).toEqual([]);
    expect(types([at('body.device_info.device_model', 'x86_64'), at('body.device.model', 'arm64-v8a')])).toEqual([]);
  });

  it('a digest under a name that says it is hashed, or under a type APIs send hashed, is that value hashed', () => {
    const sha1 = 'ecae9042f3e549a4fd1af27a1ed38b5f682fa3ca';
    const md5 = '8d2d2eec8d5c5a1e8b6f0b1e4c1f0e9a';
    expect(types([at('body.device.didsha1', sha1), at('body.device.dpidmd5', md5), at('body.u.email_sha256', `${sha1}${sha1.slice(0, 24)}`), at('body.u.md5_imei', md5)]))
      .toEqual(['android_id body.device.dpidmd5', 'email body.u.email_sha256', 'imei body.device.didsha1', 'imei body.u.md5_imei']);
    // Under the type's own name (the type is sentHashed), no hash word needed; a too-general name (mac: an HMAC) needs one.
    expect(types([at('body.log.imei', sha1), at('body.sig.mac', sha1), at('body.sig.token_hash', sha1), at('body.x.imei_md5', 'not-a-digest')])).toEqual(['imei body.log.imei']);
    expect(types([at('body.w.mac_md5', md5)])).toEqual(['mac_address body.w.mac_md5']);
  });

  it('a value masked for display is not the value it hides', () => {
    expect(types([at('body.member_mobile', '188****8888'), at('body.u.mobile', '188********'), at('body.card_no', '6222 **** **** 1234'), at('body.idcard', '4403**********123X')])).toEqual([]);
    expect(types([at('body.member_mobile', '188 1234 8888'), at('body.card_no', '6222021234567890128')])).toEqual(['bank_card_number body.card_no', 'phone_number body.member_mobile']);
  });

  it('a JSON number rounded past 2^53 is no card by its digits; under a card name it still is', async () => {
    const { decodeBody } = await import('../helpers.ts');
    // mParticle's event id 5333365338074280876 rounds to 5333365338074280960, which passes the Luhn check with a card prefix.
    const r = await decodeBody('{"event_id": 5333365338074280876, "card_no": 6222021234567890128}', 'application/json');
    expect(r.at('body.event_id')).toMatchObject({ value: '5333365338074280960', inexact: true });
    expect(d.detectAll(r.leaves, () => '').map((f) => `${f.detection.piType} ${f.path}`).sort()).toEqual(['bank_card_number body.card_no']);
  });

  it('a list of name and phone entries is one contacts observation', () => {
    const leaves = [0, 1, 2].flatMap((i) => [at(`body.book[${i}].name`, ['张伟', '王芳', '李娜'][i]!, { parent: `body.book[${i}]` }), at(`body.book[${i}].tel`, `1391234567${i}`, { parent: `body.book[${i}]` })]);
    expect(types(leaves)).toEqual(['contacts body.book']);
  });

  it('a whole-body list is named by the resource its URL ends in; a friend list stands for its friends\' names', async () => {
    const { decodeRequest } = await import('../../../src/analysis/decode/request.ts');
    const { flowOf } = await import('../helpers.ts');
    const body = Buffer.from(JSON.stringify([{ username: 'dev_fang', nickname: 'fang' }, { username: 'javen', nickname: 'Javen' }]));
    const flow = flowOf('https://api.im.jpush.cn/v1/users/javen/friends', [{ name: 'content-type', value: 'application/json' }], { contentType: 'application/json', size: body.length });
    const r = await decodeRequest(flow, body);
    expect(d.detectAll(r.leaves, () => '').map((f) => `${f.detection.piType} ${f.path}`).sort()).toEqual(['im_contact_list body']);
    // An object body's fields speak for themselves: the route names no object (PUT .../password {new_password}).
    const pw = Buffer.from('{"new_password": "654321"}');
    const r2 = await decodeRequest(flowOf('https://api.im.jpush.cn/v1/users/javen/password', [], { contentType: 'application/json', size: pw.length }), pw);
    expect(d.detectAll(r2.leaves, () => '').map((f) => `${f.detection.piType} ${f.path}`)).toEqual(['password body.new_password']);
  });

  it('a list whose entries hold the names the user gave them is one contact list, even as the whole body', () => {
    const friend = (i: number, mark: string): Leaf[] => [at(`response.body[${i}].name`, `测试帐号${i}`, { parent: `response.body[${i}]` }), at(`response.body[${i}].markname`, mark, { parent: `response.body[${i}]` }), at(`response.body[${i}].uid`, `12345${i}`, { parent: `response.body[${i}]` })];
    expect(types([...friend(0, 'xxx'), ...friend(1, '哈哈')])).toEqual(['im_contact_list response.body']);
    // One entry is a contact's remark name, not a list; an order's remark is no contact's name.
    expect(types(friend(0, '哈哈'))).toEqual(['nickname response.body[0].markname']);
    expect(types([0, 1].map((i) => at(`body.orders[${i}].remark`, '请尽快发货', { parent: `body.orders[${i}]` })))).toEqual([]);
  });
});

describe('named flags', () => {
  it('a true/false under a marital-status or health name discloses it; other flags do not', async () => {
    const { decodeBody } = await import('../helpers.ts');
    const r = await decodeBody(JSON.stringify({ profile: { Married: true, has_disease: false, education: true, vip: true }, list: [true] }), 'application/json');
    const d = new PiDetector(testCatalogs());
    expect(d.detectAll(r.leaves, () => '').map((f) => `${f.detection.piType} ${f.path}`).sort()).toEqual(['health body.profile.has_disease', 'marital_status body.profile.Married']);
  });
});
