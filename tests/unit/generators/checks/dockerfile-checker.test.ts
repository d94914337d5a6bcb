import { describe, expect, it } from 'vitest';
import { checkImageRules, parseInstructions } from '../../../../generators/checks/dockerfile-checker.js';

describe('parseInstructions', () => {
  it('joins continuations, skips comments, blank lines and heredoc bodies', () => {
    const content =
      '# syntax=docker/dockerfile:1\nFROM node:20 AS base\n\nRUN apt-get update \\\n  # a comment inside\n  && apt-get install -y curl\nRUN <<EOF\nUSER inside-heredoc\nEOF\nuser node\n';
    expect(parseInstructions(content)).toEqual([
      { keyword: 'FROM', args: 'node:20 AS base', line: 2 },
      { keyword: 'RUN', args: 'apt-get update && apt-get install -y curl', line: 4 },
      { keyword: 'RUN', args: '<<EOF', line: 7 },
      { keyword: 'USER', args: 'node', line: 10 },
    ]);
  });

  it('honours the escape directive', () => {
    expect(parseInstructions('# escape=`\nFROM x:1\nRUN a `\n  b\n')).toEqual([
      { keyword: 'FROM', args: 'x:1', line: 2 },
      { keyword: 'RUN', args: 'a b', line: 3 },
    ]);
  });
});

describe('checkImageRules', () => {
  it.each([
    ['FROM node:20\nUSER node\nCMD x', []],
    ['FROM node\nUSER node\nCMD x', [['DL3006', 1]]],
    ['FROM node:latest\nUSER node\nCMD x', [['DL3007', 1]]],
    ['FROM registry:5000/team/app\nUSER app\nCMD x', [['DL3006', 1]]],
    ['FROM registry:5000/team/app:1.2\nUSER app\nCMD x', []],
    ['FROM node@sha256:abc\nUSER node\nCMD x', []],
    ['FROM --platform=linux/amd64 node:20\nUSER node\nCMD x', []],
    ['ARG BASE=node:20\nFROM $BASE\nUSER node\nCMD x', []],
    ['FROM node:20 AS build\nFROM build\nUSER node\nCMD x', []],
    ['FROM scratch\nUSER 1000\nENTRYPOINT ["/app"]', []],
    ['FROM node:20\nCMD x', [['DL3002', 2]]],
    ['FROM node:20\nUSER root\nCMD x', [['DL3002', 2]]],
    ['FROM node:20\nUSER 0:0\nENTRYPOINT x', [['DL3002', 2]]],
    ['FROM node:20\nCMD x\nUSER node', [['DL3002', 2]]],
    ['FROM node:20\nUSER node\nFROM node:20\nCMD x', [['DL3002', 4]]],
    ['FROM node:20\nUSER node', []],
  ])('%j → %j', (content, expected) => {
    const found = checkImageRules(parseInstructions(content));
    expect(found.map((d) => [d.code, d.line])).toEqual(expected);
    expect(found.every((d) => d.severity === 'warning' && d.source === 'dockerfile')).toBe(true);
  });
});
