'use client';

import type { ReactNode } from 'react';
import type { ConsentCategory } from '@/lib/consent/categories';
import { useConsent } from './useConsent';

type Props = {
  category: ConsentCategory;
  children: ReactNode;
  /** Shown while consent is unknown, undecided or refused (e.g. a click-to-load placeholder). */
  fallback?: ReactNode;
};

/**
 * Renders `children` only while `category` is granted. A withdrawal, here or
 * in another tab, unmounts them at once: whatever they started stops.
 */
export function ConsentGate({ category, children, fallback = null }: Props) {
  const { granted } = useConsent();
  return <>{granted[category] ? children : fallback}</>;
}
