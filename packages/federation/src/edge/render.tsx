import { type ApiAnswer, type AreaRequest, type AreaResult, SLOT_ATTRIBUTE } from "@shop/contracts/browser";
import type { ComponentType } from "react";
import { renderToReadableStream } from "react-dom/server";
import { StaticRouter } from "react-router";
import { type EdgeRender, EdgeRenderContext } from "../rendered-data";

/** The edge's in-process API, handed to each render: the same `/api/…` routes the browser calls. */
export interface EdgeApi {
  get(url: string): Promise<ApiAnswer>;
}

export type ServerModules = Record<string, { default: ComponentType<Record<string, unknown>> }>;

// React puts what it hoists into <head> (a preload for a high-priority image, a <title>) first in
// a fragment's HTML; the edge writes the document's head itself, and an area is only its markup.
const HOISTED = /^(?:<link\b[^>]*>|<meta\b[^>]*>|<title>[^<]*<\/title>)+/;
const SLOT = new RegExp(`<template ${SLOT_ATTRIBUTE}="([^"]+)">`, "g");

async function renderArea(modules: ServerModules, { module, props }: AreaRequest, url: string, api: EdgeApi): Promise<AreaResult> {
  const exposed = modules[`./${module.split("/")[1] ?? ""}`];
  if (!exposed) return { error: `${module} is not rendered at the edge` };
  const answers: Record<string, ApiAnswer> = {};
  const asked = new Map<string, Promise<ApiAnswer>>();
  const edge: EdgeRender = {
    answer(path) {
      let answer = asked.get(path);
      if (!answer) {
        answer = api.get(path).then((a) => {
          answers[path] = a;
          return a;
        });
        asked.set(path, answer);
      }
      return answer;
    },
    slots: new Map(),
  };
  let failure: unknown;
  const Module = exposed.default;
  const stream = await renderToReadableStream(
    <StaticRouter location={url}>
      <EdgeRenderContext value={edge}>
        <Module {...((props ?? {}) as Record<string, unknown>)} />
      </EdgeRenderContext>
    </StaticRouter>,
    // An error anywhere (even one React could leave to the browser) leaves the whole area to it.
    {
      onError: (error) => {
        failure ??= error;
      },
    },
  );
  await stream.allReady;
  const html = (await new Response(stream).text()).replace(HOISTED, "");
  if (failure) return { error: failure instanceof Error ? failure.message : String(failure) };
  const present = new Set([...html.matchAll(SLOT)].map((m) => m[1]!));
  const slots = [...edge.slots].filter(([id]) => present.has(id)).map(([id, slot]) => ({ id, ...slot }));
  return { html, answers, slots };
}

/** Renders each area on its own: one that throws does not take the others with it. */
export function renderAreas(modules: ServerModules, areas: AreaRequest[], url: string, api: EdgeApi): Promise<AreaResult[]> {
  return Promise.all(
    areas.map((area) => renderArea(modules, area, url, api).catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }))),
  );
}
