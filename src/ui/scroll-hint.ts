/**
 * A Svelte action for a box that scrolls sideways: it marks the box `data-overflow="true"` while
 * its content is wider than the box, and `data-more` with the sides still hidden ("left", "right",
 * "both"), so app.css can shade those edges. A phone hides its scroll bar: the shading is the only
 * sign that a table has more columns. The browser tests read `data-overflow` as "this box says
 * it scrolls".
 *
 * Widths are read only where layout is already fresh (a ResizeObserver callback, which also fires
 * once when observing starts) or in the next frame: read at mount or in a MutationObserver (a
 * microtask), each read forced a layout of the whole page in the middle of rendering, ~0.1 s at
 * start-up with several tables.
 */
export function scrollHint(node: HTMLElement): { destroy(): void } {
  const update = () => {
    const over = node.scrollWidth - node.clientWidth > 1;
    node.dataset.overflow = String(over);
    const left = over && node.scrollLeft > 1;
    const right = over && node.scrollLeft + node.clientWidth < node.scrollWidth - 1;
    node.dataset.more = left && right ? 'both' : left ? 'left' : right ? 'right' : 'none';
  };
  let queued = 0;
  const later = () => {
    queued ||= requestAnimationFrame(() => {
      queued = 0;
      update();
    });
  };
  // The box and its content both change size (a new result, a wider pane, a rotated phone).
  const ro = new ResizeObserver(update);
  ro.observe(node);
  for (const child of node.children) ro.observe(child);
  const mo = new MutationObserver(() => {
    for (const child of node.children) ro.observe(child);
    later();
  });
  mo.observe(node, { childList: true });
  node.addEventListener('scroll', update, { passive: true });
  return {
    destroy() {
      cancelAnimationFrame(queued);
      ro.disconnect();
      mo.disconnect();
      node.removeEventListener('scroll', update);
    },
  };
}
