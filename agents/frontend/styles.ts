import type { Artifact } from '../../src/contracts/artifact.js';

/** Path of the stylesheet and of the layout component (React, or a DOM module) that uses its classes. */
export const STYLES_PATH = 'src/ui/styles.css';
export const LAYOUT_PATH = 'src/ui/AppLayout.tsx';
export const DOM_LAYOUT_PATH = 'src/ui/app-layout.ts';

const STYLES = `/* Styles for the generated UI: layout, lists, forms. Load once from the page or the bundler entry. */
:root {
  --color-text: #1f2328;
  --color-muted: #59636e;
  --color-border: #d1d9e0;
  --color-accent: #0969da;
  --color-danger: #d1242f;
  --color-surface: #ffffff;
  --space: 0.5rem;
  --radius: 6px;
  font-family: system-ui, -apple-system, 'Segoe UI', sans-serif;
  line-height: 1.5;
  color: var(--color-text);
  background: var(--color-surface);
}

*,
*::before,
*::after {
  box-sizing: border-box;
}

.app-layout {
  display: grid;
  grid-template-rows: auto 1fr;
  min-height: 100vh;
}

.app-header {
  padding: calc(var(--space) * 2) calc(var(--space) * 3);
  border-bottom: 1px solid var(--color-border);
}

.app-header h1 {
  margin: 0;
  font-size: 1.25rem;
}

.app-main {
  width: 100%;
  max-width: 72rem;
  margin: 0 auto;
  padding: calc(var(--space) * 3);
}

.entity-list {
  overflow-x: auto;
}

.entity-list table {
  width: 100%;
  border-collapse: collapse;
}

.entity-list th,
.entity-list td {
  padding: var(--space);
  border-bottom: 1px solid var(--color-border);
  text-align: left;
  overflow-wrap: anywhere;
}

.pager {
  display: flex;
  gap: var(--space);
  margin-top: var(--space);
}

.entity-form {
  display: grid;
  grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr);
  gap: var(--space) calc(var(--space) * 2);
  align-items: center;
  max-width: 40rem;
}

.entity-form input {
  min-width: 0;
  padding: calc(var(--space) * 0.75);
  border: 1px solid var(--color-border);
  border-radius: var(--radius);
  font: inherit;
}

.entity-form button[type='submit'] {
  grid-column: 2;
  justify-self: start;
}

button {
  padding: calc(var(--space) * 0.75) calc(var(--space) * 2);
  border: 1px solid var(--color-accent);
  border-radius: var(--radius);
  background: var(--color-accent);
  color: #ffffff;
  font: inherit;
  cursor: pointer;
}

button:disabled {
  opacity: 0.5;
  cursor: not-allowed;
}

:focus-visible {
  outline: 2px solid var(--color-accent);
  outline-offset: 2px;
}

.error {
  color: var(--color-danger);
}

@media (max-width: 40rem) {
  .entity-form {
    grid-template-columns: minmax(0, 1fr);
  }

  .entity-form button[type='submit'] {
    grid-column: 1;
  }
}
`;

const LAYOUT = `import type { ReactNode } from 'react';

/** Props of {@link AppLayout}. */
export interface AppLayoutProps {
  title: string;
  children?: ReactNode;
}

/** The page frame styled by styles.css (classes app-layout, app-header, app-main). */
export function AppLayout({ title, children }: AppLayoutProps) {
  return (
    <div className="app-layout">
      <header className="app-header">
        <h1>{title}</h1>
      </header>
      <main className="app-main">{children}</main>
    </div>
  );
}
`;

const DOM_LAYOUT = `/** Builds the page frame styled by styles.css into \`container\`; returns the main element to render into. */
export function mountAppLayout(container: HTMLElement, title: string): HTMLElement {
  const layout = document.createElement('div');
  layout.className = 'app-layout';
  const header = document.createElement('header');
  header.className = 'app-header';
  const heading = document.createElement('h1');
  heading.textContent = title;
  header.append(heading);
  const main = document.createElement('main');
  main.className = 'app-main';
  layout.append(header, main);
  container.replaceChildren(layout);
  return main;
}
`;

/**
 * Renders `src/ui/styles.css` (CSS is not type-checked: language `text`) and a layout using its classes:
 * the React `AppLayout` component, or the DOM module `app-layout.ts` for non-React stacks.
 */
export function renderStyling(react: boolean): Artifact[] {
  const layout: Artifact = react
    ? { path: LAYOUT_PATH, language: 'tsx', kind: 'component', content: LAYOUT }
    : { path: DOM_LAYOUT_PATH, language: 'typescript', kind: 'source', content: DOM_LAYOUT };
  return [{ path: STYLES_PATH, language: 'text', kind: 'source', content: STYLES }, layout];
}
