import { describe, expect, it } from 'vitest';
import type { DownstreamTool } from '../../../src/contracts/downstream.js';
import { rankTools, toWords } from '../../../src/downstream/tool-search.js';

const tool = (server: string, name: string, description: string): DownstreamTool => ({
  server,
  name,
  description,
  inputSchema: { type: 'object' },
  readOnly: false,
  idempotent: false,
});

const TOOLS = [
  tool('filesystem', 'read_text_file', 'Read the complete contents of a file as text.'),
  tool('filesystem', 'write_file', 'Create a new file or overwrite an existing file.'),
  tool('filesystem', 'list_directory', 'List files and directories in a path.'),
  tool('memory', 'create_entities', 'Create multiple new entities in the knowledge graph.'),
  tool('memory', 'search_nodes', 'Search for nodes in the knowledge graph.'),
  tool('everything', 'echo', 'Echoes back the input string.'),
  tool('everything', 'getTinyImage', 'Returns a tiny image.'),
];

describe('toWords', () => {
  it.each([
    ['read_text_file', ['read', 'text', 'file']],
    ['getTinyImage', ['get', 'tiny', 'image']],
    ['list-directories', ['list', 'directorie']],
    ['Files and class', ['file', 'and', 'class']],
  ])('splits %s', (text, words) => expect(toWords(text)).toEqual(words));
});

describe('rankTools', () => {
  it.each([
    ['write file', 'write_file'],
    ['read file', 'read_text_file'],
    ['echo', 'echo'],
    ['knowledge graph entities', 'create_entities'],
    ['tiny image', 'getTinyImage'],
    ['search nodes', 'search_nodes'],
    ['memory search', 'search_nodes'],
  ])('ranks the best tool first for "%s"', (query, best) => {
    expect(rankTools(TOOLS, query, 3)[0]?.tool.name).toBe(best);
  });

  it('leaves out tools with no overlap, caps the count and keeps input order on ties', () => {
    expect(rankTools(TOOLS, 'kubernetes', 10)).toEqual([]);
    const files = rankTools(TOOLS, 'file', 2);
    expect(files).toHaveLength(2);
    expect(files.map((m) => m.tool.name)).toEqual(['read_text_file', 'write_file']);
  });
});
