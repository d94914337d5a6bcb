import type { Component, DataStore, Deployment } from '../../src/contracts/architecture.js';

/** Components that run on users' devices, drawn outside the regions. */
const CLIENT_NAMES: ReadonlySet<string> = new Set(['Web client', 'Mobile app']);

/** A Mermaid node id: `prefix_` + lower-case letters, digits and underscores. */
export function toNodeId(prefix: string, name: string): string {
  return `${prefix}_${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')}`;
}

/** Escapes text for a quoted Mermaid label (`"` and angle brackets become entity codes; line breaks become spaces). */
export function toLabel(text: string): string {
  return text.replace(/\s+/g, ' ').replaceAll('"', '#quot;').replaceAll('<', '#lt;').replaceAll('>', '#gt;');
}

function componentNode(prefix: string, c: Component): string {
  return `${toNodeId(prefix, c.name)}["${toLabel(c.name)}<br/>${toLabel(c.technology)}"]`;
}

function storeNode(prefix: string, s: DataStore): string {
  return `${toNodeId(prefix, s.name)}[("${toLabel(s.name)}<br/>${toLabel(`${s.type} · ${s.technology}`)}")]`;
}

/**
 * A Mermaid `flowchart LR` of every component and data store, with one edge per `depends_on` entry.
 * Components are `c_<slug>`, data stores `d_<slug>`; clients sit in a "Clients" subgraph, stores in "Data".
 */
export function toComponentDiagram(components: readonly Component[], stores: readonly DataStore[]): string {
  const storeNames = new Set(stores.map((s) => s.name));
  const ref = (name: string) => toNodeId(storeNames.has(name) ? 'd' : 'c', name);
  const clients = components.filter((c) => CLIENT_NAMES.has(c.name));
  const services = components.filter((c) => !CLIENT_NAMES.has(c.name));
  const lines = ['flowchart LR'];
  if (clients.length > 0)
    lines.push('  subgraph clients["Clients"]', ...clients.map((c) => `    ${componentNode('c', c)}`), '  end');
  lines.push('  subgraph system["System"]', ...services.map((c) => `    ${componentNode('c', c)}`), '  end');
  if (stores.length > 0)
    lines.push('  subgraph data["Data"]', ...stores.map((s) => `    ${storeNode('d', s)}`), '  end');
  for (const c of components) for (const dep of c.depends_on) lines.push(`  ${ref(c.name)} --> ${ref(dep)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A Mermaid `flowchart TB` deployment view: users' devices, the CI/CD pipeline, and one subgraph per region
 * holding the server-side components (compute) and the data stores. The first region is primary; a region named
 * "Secondary region" receives replication from it.
 */
export function toDeploymentDiagram(
  components: readonly Component[],
  stores: readonly DataStore[],
  deployment: Deployment,
): string {
  const clients = components.filter((c) => CLIENT_NAMES.has(c.name));
  const services = components.filter((c) => !CLIENT_NAMES.has(c.name));
  const lines = ['flowchart TB'];
  lines.push(
    '  subgraph devices["Users\' devices"]',
    ...(clients.length > 0 ? clients.map((c) => `    ${componentNode('u', c)}`) : ['    u_users(["Users"])']),
    '  end',
  );
  lines.push('  pipeline[["CI/CD pipeline"]]');
  deployment.regions.forEach((region, i) => {
    const r = `r${i + 1}`;
    lines.push(`  subgraph ${r}["${toLabel(region.name)}"]`, '    direction TB');
    lines.push(
      `    subgraph ${r}_compute["Compute"]`,
      ...services.map((c) => `      ${componentNode(`${r}c`, c)}`),
      '    end',
    );
    if (stores.length > 0)
      lines.push(`    subgraph ${r}_data["Data"]`, ...stores.map((s) => `      ${storeNode(`${r}d`, s)}`), '    end');
    lines.push('  end');
    lines.push(`  devices -->|HTTPS| ${r}_compute`, `  pipeline -->|deploy| ${r}_compute`);
    if (stores.length > 0) lines.push(`  ${r}_compute --> ${r}_data`);
    if (i > 0 && region.name === 'Secondary region' && stores.length > 0)
      lines.push(`  r1_data -.->|replication| ${r}_data`);
  });
  return `${lines.join('\n')}\n`;
}
