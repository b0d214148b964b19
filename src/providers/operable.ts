// What Cloud Control can do with a table's type, checked where a statement binds the table,
// before any call: a type it cannot provision, an action the type has no handler for, a
// list that needs keys skyql cannot supply. Every refusal is one line.
import { PlanError } from '../errors.js';
import type { HandlerName, ResourceDef } from './catalog-types.js';

function tableName(def: ResourceDef): string {
  return `aws.${def.service}.${def.name}`;
}

const REFRESH =
  'Newer registry data may have it: refresh vendor/cfn-registry-schemas.tar.gz as vendor/README.md says, then npm run build.';

/** The one-line refusal for a type Cloud Control cannot provision. */
export function notProvisionableMessage(def: ResourceDef): string {
  return `${tableName(def)} is not provisionable through Cloud Control: ${def.notProvisionable ?? `the registry data has no Cloud Control schema for ${def.cfnType}`}. ${REFRESH}`;
}

/** Refuses any statement on a type Cloud Control cannot provision. */
export function checkProvisionable(def: ResourceDef): void {
  if (def.provisionable === false) throw new PlanError(notProvisionableMessage(def));
}

/** True when Cloud Control has the handler (tables not built from a registry schema have all). */
export function hasHandler(def: ResourceDef, handler: HandlerName): boolean {
  return !def.handlers || handler in def.handlers;
}

function identifierHint(def: ResourceDef): string {
  return `name the resources instead: WHERE data__Identifier = '${def.primaryIdentifier.map((p) => `<${p}>`).join('|')}'`;
}

/** Refuses an action the type has no handler for (Cloud Control would answer UnsupportedActionException). */
export function checkHandler(def: ResourceDef, handler: HandlerName): void {
  if (hasHandler(def, handler)) return;
  const what: Record<HandlerName, string> = {
    create: 'cannot be inserted into',
    read: 'cannot be read',
    update: 'cannot be updated',
    delete: 'cannot be deleted from',
    list: 'cannot be listed',
  };
  const fix: Record<HandlerName, string> = {
    create: '',
    read: '',
    update: ' Delete it and insert it again instead.',
    delete: '',
    list: ` To read it, ${identifierHint(def)}.`,
  };
  throw new PlanError(
    `${tableName(def)} ${what[handler]}: Cloud Control has no ${handler} handler for ${def.cfnType} (SHOW METHODS IN ${tableName(def)}).${fix[handler]}`,
  );
}

/** A read of the table: `lists` when it calls ListResources, else GetResource by identifier. */
export function checkReadable(def: ResourceDef, lists: boolean): void {
  checkProvisionable(def);
  if (!lists) {
    checkHandler(def, 'read');
    return;
  }
  checkHandler(def, 'list');
  if (def.listRequires) {
    throw new PlanError(
      `${tableName(def)} cannot be listed by skyql yet: Cloud Control lists ${def.cfnType} only given ${def.listRequires.join(' and ')}. To read it, ${identifierHint(def)}.`,
    );
  }
}

/** The handler a write needs. */
export function checkWritable(def: ResourceDef, handler: 'create' | 'update' | 'delete'): void {
  checkProvisionable(def);
  checkHandler(def, handler);
}
