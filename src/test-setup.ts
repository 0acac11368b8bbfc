// DOM matchers (toBeInTheDocument, toHaveTextContent, …) for the SPA's unit tests.
import '@testing-library/jest-dom/vitest';

// findBy*/waitFor give up after 1 s by default; lazily loaded sections import on first render,
// which takes longer than that on a busy 2-core machine. A missing element still fails.
import { configure } from '@testing-library/react';
configure({ asyncUtilTimeout: 5000 });
