import { randomUUID } from 'node:crypto';
import { Role } from '../../src/platform/auth/role';
import { TestBankKey } from '../factories/identity.factory';
import { platformPost, registerPlatform } from '../prepaid/prepaid-fixtures';
import { TestApp, startTestApp } from '../support/test-app';

const LOGIN = `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`;
const ME = `{ me { id } }`;
const CJK = /[\u4e00-\u9fff]/;

/**
 * Messages in Chinese (the county's default) or English by Accept-Language (ADR 0021): the same stable
 * code either way, Content-Language saying which, Vary naming Accept-Language. The test app's helpers ask
 * for English; here every request sets (or removes) the header itself.
 */
describe('messages in Chinese and English', () => {
  let t: TestApp;
  let key: TestBankKey;

  beforeAll(async () => {
    t = await startTestApp();
    key = await t.registerBank();
  });
  afterAll(() => t?.close());

  let client = 0;
  /** A GraphQL request with the Accept-Language given, or none at all (undefined); each from its own address. */
  const gql = (query: string, variables: Record<string, unknown>, acceptLanguage: string | undefined) => {
    client++;
    const req = t
      .http()
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('X-Forwarded-For', `203.0.113.${client}`);
    if (acceptLanguage === undefined) req.unset('Accept-Language');
    else req.set('Accept-Language', acceptLanguage);
    return req.send({ query, variables });
  };

  it('answers a GraphQL domain error in Chinese by default and in English when asked, with the same code', async () => {
    const zh = await gql(LOGIN, { u: 'nobody1', p: 'wrong' }, undefined);
    expect(zh.body.errors[0]).toMatchObject({
      message: '用户名或密码不正确',
      extensions: { code: 'INVALID_CREDENTIALS' },
    });
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.headers['vary']).toMatch(/Accept-Language/i);

    const en = await gql(LOGIN, { u: 'nobody2', p: 'wrong' }, 'en-US');
    expect(en.body.errors[0]).toMatchObject({
      message: 'The username or password is not correct',
      extensions: { code: 'INVALID_CREDENTIALS' },
    });
    expect(en.headers['content-language']).toBe('en');

    const unauthenticated = await gql(ME, {}, 'zh-Hans-CN');
    expect(unauthenticated.body.errors[0]).toMatchObject({
      message: '请先登录',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('answers a validation error (class-validator) field by field in either language, with the same code and paths', async () => {
    const zh = await gql(LOGIN, { u: '', p: 'x' }, 'zh-CN');
    const en = await gql(LOGIN, { u: '', p: 'x' }, 'en');
    for (const res of [zh, en]) expect(res.body.errors[0].extensions.code).toBe('VALIDATION_FAILED');
    expect(zh.body.errors[0].message).toBe('输入的内容不符合要求');
    expect(en.body.errors[0].message).toBe('The input is not valid');
    const zhErrors = zh.body.errors[0].extensions.errors as { path: string; message: string }[];
    const enErrors = en.body.errors[0].extensions.errors as { path: string; message: string }[];
    expect(zhErrors.map((e) => e.path)).toEqual(enErrors.map((e) => e.path));
    expect(zhErrors.find((e) => e.path === 'username')?.message).toBe('username 的长度须在 1 到 100 个字符之间');
    expect(enErrors.find((e) => e.path === 'username')?.message).toMatch(/^username must be longer than or equal to 1/);
  });

  it('picks the language with the highest q-value, and the default when none is supported', async () => {
    const en = await gql(LOGIN, { u: 'nobody3', p: 'wrong' }, 'zh-CN;q=0.5, en;q=0.9');
    expect(en.body.errors[0].message).toBe('The username or password is not correct');
    expect(en.headers['content-language']).toBe('en');
    const zh = await gql(LOGIN, { u: 'nobody4', p: 'wrong' }, 'en;q=0.2, zh;q=0.8');
    expect(zh.body.errors[0].message).toBe('用户名或密码不正确');
    const fallback = await gql(LOGIN, { u: 'nobody5', p: 'wrong' }, 'fr-FR, de;q=0.8');
    expect(fallback.body.errors[0].message).toBe('用户名或密码不正确');
    expect(fallback.headers['content-language']).toBe('zh-CN');
  });

  it("gives graphql-js's own English messages a Chinese lead sentence, and keeps their code", async () => {
    const zh = await gql('{ nosuchfield }', {}, 'zh');
    expect(zh.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(zh.body.errors[0].message).toMatch(/^请求与接口定义不符：Cannot query field "nosuchfield"/);
    const en = await gql('{ nosuchfield }', {}, 'en');
    expect(en.body.errors[0].message).toMatch(/^Cannot query field "nosuchfield"/);
    const syntax = await gql('{ me { ', {}, undefined);
    expect(syntax.body.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(syntax.body.errors[0].message).toMatch(/^请求格式错误（GraphQL 语法）：Syntax Error/);
  });

  it('answers a bank problem (detail and field messages) in either language with the same code and fields', async () => {
    const body = { transactions: 'not a list', extra: 1 };
    const zh = await t
      .bankRequest('POST', '/api/bank/v1/transactions', body, key, { headers: { 'Accept-Language': 'zh-CN' } })
      .expect(400);
    const en = await t.bankRequest('POST', '/api/bank/v1/transactions', body, key).expect(400);
    expect(zh.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(en.headers['content-language']).toBe('en');
    expect(zh.headers['vary']).toMatch(/Accept-Language/i);
    expect(zh.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', title: 'Bad Request' });
    expect(en.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', title: 'Bad Request' });
    expect(zh.body.detail).toBe('输入的内容不符合要求');
    expect(en.body.detail).toBe('The input is not valid');
    const fields = (b: { errors: { path: string }[] }) => b.errors.map((e) => e.path);
    expect(fields(zh.body)).toEqual(fields(en.body));
    for (const e of zh.body.errors as { message: string }[]) expect(e.message).toMatch(CJK);
    expect(en.body.errors).toContainEqual({ path: 'extra', message: 'property extra should not exist' });
    expect(zh.body.errors).toContainEqual({ path: 'extra', message: '不允许提交字段 extra' });
  });

  it('answers the message of a refused item inside a 200 bank batch in either language, with the same code', async () => {
    const body = {
      transactions: [
        {
          accountNo: '6222020200112233',
          txnId: 'I18N-1',
          bookedAt: '2026-11-28T10:15:00+08:00',
          type: 'DEPOSIT',
          amount: '12.5',
          currency: 'CNY',
        },
      ],
    };
    const idempotencyKey = randomUUID();
    const zh = await t
      .bankRequest('POST', '/api/bank/v1/transactions', body, key, { idempotencyKey })
      .unset('Accept-Language')
      .expect(200);
    const en = await t.bankRequest('POST', '/api/bank/v1/transactions', body, key).expect(200);
    const item = { index: 0, status: 'REJECTED', code: 'INVALID' };
    expect(zh.body).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: 1,
      results: [{ ...item, message: '金额（amount）须为恰好两位小数的字符串，例如 "1234.50"' }],
    });
    expect(en.body.results).toEqual([
      { ...item, message: 'amount must be a decimal string with exactly two decimals, e.g. "1234.50"' },
    ]);
    // A replay answers the stored body: in the first request's language, whatever the retry asks for.
    const replay = await t.bankRequest('POST', '/api/bank/v1/transactions', body, key, { idempotencyKey }).expect(200);
    expect(replay.body).toEqual(zh.body);
  });

  it('answers the messages of refused items inside a 200 platform batch in either language, with the same codes', async () => {
    const admin = await t.loginAs(Role.COUNTY_ADMIN);
    const platform = await registerPlatform(t, admin.token);
    const body = {
      lessonRecords: [
        { externalId: 'I18N-L-1', contractExternalId: 'I18N-C-1', taughtOn: '2026-11-27', lessons: 0 },
        { externalId: 'I18N-L-2', contractExternalId: 'I18N-C-1', taughtOn: '2026-11-27', lessons: 1 },
      ],
    };
    const zh = await platformPost(t, '/api/platform/v1/lesson-records', body, platform)
      .unset('Accept-Language')
      .expect(200);
    const en = await platformPost(t, '/api/platform/v1/lesson-records', body, platform).expect(200);
    const codes = (b: { results: { code: string }[] }) => b.results.map((r) => r.code);
    expect(codes(zh.body)).toEqual(['INVALID', 'CONTRACT_NOT_SENT']);
    expect(codes(en.body)).toEqual(['INVALID', 'CONTRACT_NOT_SENT']);
    expect(zh.body.results[0]).toEqual({
      index: 0,
      status: 'REJECTED',
      code: 'INVALID',
      message: 'lessons 须为 1 到 100 之间的整数',
    });
    expect(en.body.results[0]).toEqual({
      index: 0,
      status: 'REJECTED',
      code: 'INVALID',
      message: 'lessons must be an integer from 1 to 100',
    });
    expect(zh.body.results[1].message).toBe('contractExternalId I18N-C-1 不对应贵平台已报送的任何合同');
    expect(en.body.results[1].message).toBe('contractExternalId I18N-C-1 names no contract your platform has sent');
  });

  it('answers a bank authentication failure in Chinese without a header', async () => {
    const res = await t
      .bankRequest('GET', '/api/bank/v1/instructions', undefined, key, { secret: 'x'.repeat(43) })
      .unset('Accept-Language')
      .expect(401);
    expect(res.body).toMatchObject({ code: 'SIGNATURE_INVALID', detail: '请求签名不匹配' });
    expect(res.headers['content-language']).toBe('zh-CN');
  });
});
