import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { prepareOutFolder } from '../docs/out-folder.js';
import { renderResourcePage, renderServiceIndex } from '../docs/resource-page.js';
import { sourceFor } from '../plan/source-for.js';
import { defaultCatalog } from '../providers/catalog.js';
import { ExecutionError, UsageError } from '../errors.js';
import { ioProblem } from '../output/stream-errors.js';

/** Writes under a folder already checked; what fails now (a full disk) is one line too. */
function writePage(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new ExecutionError(`cannot write ${path}: ${ioProblem(e)}`);
  }
}

function makeServiceFolder(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new ExecutionError(`cannot create ${dir}: ${ioProblem(e)}`);
  }
}

export function docsCommand(): Command {
  return new Command('docs')
    .description('print a resource page as Markdown, or write every page of a provider with --out')
    .argument('<name>', 'a resource (aws.apigatewayv2.integrations), a service (aws.ec2) or a provider (aws)')
    .option('--out <dir>', 'write one page per resource and an index per service into this folder')
    .action((name: string, opts: { out?: string }) => {
      const catalog = defaultCatalog();
      const parts = name.split('.');
      if (parts.length === 3) {
        const page = renderResourcePage(catalog.resolve(name), parts[0], sourceFor(catalog, parts[0], parts[1], parts[2]).methods());
        if (opts.out) {
          prepareOutFolder(opts.out);
          writePage(join(opts.out, `${name}.md`), page);
        } else process.stdout.write(page);
        return;
      }
      if (!opts.out) throw new UsageError(`'${name}' names more than one page: add --out DIR, or name a resource (aws.ec2.vpcs)`);
      const [provider, only] = parts;
      const services = only ? [catalog.service(provider, only)] : catalog.index(provider).services;
      prepareOutFolder(opts.out);
      let pages = 0;
      for (const svc of services) {
        const dir = join(opts.out, svc.name);
        makeServiceFolder(dir);
        const defs = catalog.resources(provider, svc.name);
        for (const def of defs) writePage(join(dir, `${def.name}.md`), renderResourcePage(def, provider, sourceFor(catalog, provider, svc.name, def.name).methods()));
        writePage(join(dir, 'index.md'), renderServiceIndex(provider, svc.name, defs));
        pages += defs.length;
      }
      process.stderr.write(`wrote ${pages} resource pages in ${services.length} services to ${opts.out}\n`);
    });
}
