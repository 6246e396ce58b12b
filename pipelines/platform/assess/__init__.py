"""The annual assessment of departments (考核办法 §7–§14, §19): evidence, scores, reports."""
