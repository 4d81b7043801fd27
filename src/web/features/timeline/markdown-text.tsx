import { Anchor, Typography } from "@mantine/core";
import Markdown, { type Components } from "react-markdown";
import classes from "./markdown-text.module.css";

const components: Components = {
  a: ({ href, children }) => (
    <Anchor href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </Anchor>
  ),
  // Images would load from anywhere (tracking pixels): show their text instead.
  img: ({ alt }) => <span>{alt}</span>,
};

/**
 * An activity body as Markdown. Raw HTML is dropped (skipHtml) and react-markdown's default URL
 * filter removes javascript: and other unsafe links, so a body can never run script.
 */
export function MarkdownText({ children }: { children: string }) {
  return (
    <Typography fz="sm" c="dimmed" className={classes.markdown} style={{ overflowWrap: "anywhere" }}>
      <Markdown skipHtml components={components}>
        {children}
      </Markdown>
    </Typography>
  );
}
