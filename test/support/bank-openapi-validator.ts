import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { AppConfig } from '../../src/config/app-config';
import { bankOpenApi } from '../../src/modules/escrow';

export const BANK_PREFIX = '/api/bank/v1';

type Operation = { responses: Record<string, { content?: Record<string, unknown> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

const pointer = (...parts: string[]): string =>
  parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/**
 * Validates bank responses against the bank OpenAPI document (the one the service serves for this
 * configuration): the path and method must be described, a 2xx status must be one of the operation's
 * responses, and the body must match that response's schema (undocumented error statuses must still be
 * a Problem). Used by TestApp.bankRequest, so every bank e2e test checks the document as it goes.
 */
export class BankOpenApiValidator {
  private readonly doc: Document;
  private readonly ajv: Ajv2020;
  private readonly templates: { template: string; pattern: RegExp }[];
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(config: AppConfig) {
    this.doc = bankOpenApi(config) as unknown as Document;
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(this.doc as object, 'bank');
    this.templates = Object.keys(this.doc.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }));
  }

  /** The document's path template for a request path (query string ignored), if any. */
  templateOf(path: string): string | undefined {
    const bare = path.split('?')[0]!.slice(BANK_PREFIX.length);
    return this.templates.find((t) => t.pattern.test(bare))?.template;
  }

  /** True for a route the document describes (others are left to the route conformance test). */
  describes(method: string, path: string): boolean {
    if (!path.startsWith(`${BANK_PREFIX}/`)) return false;
    const template = this.templateOf(path);
    return !!template && !!this.doc.paths[template]?.[method.toLowerCase()];
  }

  /** Throws with the schema errors when the response does not conform. */
  check(method: string, path: string, status: number, contentType: string | undefined, body: unknown): void {
    const template = this.templateOf(path);
    const m = method.toLowerCase();
    if (!template || !this.doc.paths[template]?.[m])
      throw new Error(`${method} ${path} is not in the bank OpenAPI document`);
    const responses = this.doc.paths[template]![m]!.responses;
    let ref: string;
    if (responses[String(status)]) {
      const content = responses[String(status)]!.content ?? {};
      const type = (contentType ?? '').split(';')[0]!.trim();
      if (!(type in content))
        throw new Error(
          `${method} ${template} ${status}: content type "${type}" is not documented (${Object.keys(content).join(', ')})`,
        );
      ref = `bank#/${pointer('paths', template, m, 'responses', String(status), 'content', type, 'schema')}`;
    } else if (status < 400) {
      throw new Error(
        `${method} ${template} answered ${status}, which the document does not list (${Object.keys(responses).join(', ')})`,
      );
    } else {
      ref = 'bank#/components/schemas/Problem';
    }
    let validate = this.cache.get(ref);
    if (!validate) {
      validate = this.ajv.getSchema(ref);
      if (!validate) throw new Error(`no schema at ${ref}`);
      this.cache.set(ref, validate);
    }
    if (!validate(body)) {
      throw new Error(
        `${method} ${template} ${status}: the body does not match the document: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
      );
    }
  }
}
