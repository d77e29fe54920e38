odoo.define('child_protection.year_widget', function (require) {
"use strict";
/**
 * A year is a number but not an amount: "2021", never "2.021" or "2,021" (the integer widget groups thousands
 * with the language's separator). Use widget="year" on Integer fields that hold a year.
 */
var basic_fields = require('web.basic_fields');
var field_registry = require('web.field_registry');

var FieldYear = basic_fields.FieldInteger.extend({
    _formatValue: function (value) {
        return value || value === 0 ? String(value) : '';
    },
});

field_registry.add('year', FieldYear);
return FieldYear;
});
