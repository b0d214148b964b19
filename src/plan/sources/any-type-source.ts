// awscc.cloud_control.resources / .resource: any Cloud Control type as rows of
// (identifier, properties JSON), the type named by the query's TypeName, as StackQL's awscc
// provider has them. `resources` lists (ListResources); `resource` gets one (GetResource),
// so it needs the Identifier too.
import { PlanError } from '../../errors.js';
import type { Catalog } from '../../providers/catalog.js';
import type { ColumnDef, ResourceDef } from '../../providers/catalog-types.js';
import type { MethodDef } from '../../providers/methods.js';
import { closest } from '../../util/closest.js';
import type { Predicate, TableRef } from '../../sql/select-query.js';
import type { PushdownAnswer } from '../pushdown.js';
import { typeNameOf, type CallPlan, type FetchedResource, type LoadedRows, type ReadPlan } from '../read-plan.js';
import { allowed } from './key-values.js';
import { ResourceSource } from './resource-source.js';

const TYPE_NAME = 'typename';

export class AnyTypeSource extends ResourceSource {
  protected override readonly kind = 'any_type';
  override readonly keyColumns = ['identifier'];
  override readonly identifierNames = ['data__identifier'];
  private readonly getsOne: boolean;

  constructor(
    name: string,
    def: ResourceDef,
    private readonly catalog: Catalog,
  ) {
    super(name, def);
    this.getsOne = def.name === 'resource';
  }

  override classify(p: Predicate): PushdownAnswer {
    if (p.values.some((v) => v === null)) return 'unsupported';
    return ['region', TYPE_NAME, 'identifier', 'data__identifier'].includes(p.column) ? 'exact' : 'unsupported';
  }

  /** The one type the query names, checked against the catalog. */
  private typeName(ref: TableRef): string {
    const names = allowed(ref.predicates, TYPE_NAME);
    const example = this.getsOne ? "TypeName = 'AWS::S3::Bucket' AND Identifier = 'my-bucket'" : "TypeName = 'AWS::S3::Bucket'";
    if (!names || names.length !== 1) {
      throw new PlanError(`${this.name} reads one type at a time: add ${example} to the WHERE clause.`);
    }
    const [typeName] = names;
    if (!this.catalog.byCfnType(typeName)) {
      const service = typeName.split('::')[1]?.toLowerCase() ?? '';
      const known = this.catalog.index('aws').services.some((s) => s.name === service);
      const near = closest(typeName, known ? [...new Set(this.catalog.resources('aws', service).map((d) => d.cfnType))] : []);
      throw new PlanError(`TypeName '${typeName}' is not a type Cloud Control manages.${near ? ` Did you mean '${near}'?` : ''} (SHOW RESOURCES IN aws.<service> lists them with their types.)`);
    }
    return typeName;
  }

  /** The named type's service: IAM by TypeName needs no region either. */
  protected override serviceOf(ref: TableRef): string {
    const [typeName] = allowed(ref.predicates, TYPE_NAME) ?? [];
    return typeName?.split('::')[1]?.toLowerCase() ?? this.def.service;
  }

  protected override identifiers(ref: TableRef): string[] | undefined {
    return allowed(ref.predicates, ['identifier', 'data__identifier']);
  }

  protected override decoded(ref: TableRef): ColumnDef[] {
    void ref;
    return [];
  }

  protected override calls(ref: TableRef): CallPlan {
    const typeName = this.typeName(ref);
    const identifiers = this.identifiers(ref);
    if (identifiers) return { call: 'get', typeName, identifiers };
    if (this.getsOne) throw new PlanError(`${this.name} reads one resource: add Identifier = '…' to the WHERE clause (${this.name.replace(/resource$/, 'resources')} lists them).`);
    return { call: 'list', typeName, thenGet: false };
  }

  override checkReadable(plan: ReadPlan): void {
    const def = this.catalog.byCfnType(typeNameOf(plan.calls) ?? '');
    if (def) super.checkReadableAs(def, plan);
  }

  override rows(plan: ReadPlan, fetched: FetchedResource[]): LoadedRows {
    const typeName = typeNameOf(plan.calls) ?? null;
    return {
      columns: ['identifier', 'properties', 'typename', 'region'],
      rows: fetched.map((r) => [r.identifier, JSON.stringify(r.properties), typeName, r.region]),
    };
  }

  override methods(): MethodDef[] {
    return this.getsOne
      ? [{ name: 'get_resource', sqlVerb: 'SELECT', requiredParams: ['TypeName', 'Identifier', 'region'] }]
      : [{ name: 'list_resources', sqlVerb: 'SELECT', requiredParams: ['TypeName', 'region'] }];
  }

  override checkWritable(): void {
    throw new PlanError(`${this.name} reads any type by TypeName and cannot be written: write the type's own table (awscc.<service>.<resource>) instead.`);
  }
}
