import { Anchor } from "@mantine/core";
import { useLetterhead } from "@web/features/quotes/use-letterhead";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

type PhoneDisplay = typeof import("./phone-display");

let loaded: PhoneDisplay | null = null;
let loading: Promise<PhoneDisplay> | null = null;

/** The formatter, once its chunk is there (null before: the number shows as stored). */
function usePhoneDisplay(): PhoneDisplay | null {
  const [display, setDisplay] = useState(loaded);
  useEffect(() => {
    if (display) return;
    let live = true;
    loading ??= import("./phone-display").then((module) => {
      loaded = module;
      return module;
    });
    void loading.then((module) => {
      if (live) setDisplay(module);
    });
    return () => {
      live = false;
    };
  }, [display]);
  return display;
}

function usePhone(value: string) {
  const display = usePhoneDisplay();
  const { i18n } = useTranslation();
  const letterhead = useLetterhead().data?.country;
  if (!display) return { text: value, href: `tel:${value.replace(/[^\d+]/g, "")}` };
  return display.phoneForReader(value, i18n.resolvedLanguage ?? i18n.language, letterhead);
}

/** A phone number as every screen shows it: national in the reader's country, international otherwise, dialable. */
export function PhoneLink({ value }: { value: string }) {
  const phone = usePhone(value);
  return (
    <Anchor href={phone.href} size="sm">
      {phone.text}
    </Anchor>
  );
}

/** The same number as plain text (list cells, hints). */
export function PhoneText({ value }: { value: string }) {
  return <>{usePhone(value).text}</>;
}
