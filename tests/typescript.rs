//! The generated TypeScript (`src/typescript`) covers the whole table: every operation's answer
//! shape has a name among [`NAMED`] (so it is written as an interface, not lost), every operation
//! with parameters has its parameter interface, and each doc comment is the table's own text.
//! What the types say field by field is read with the TypeScript checker in
//! tests/types/shapes.test.mjs and params.test.mjs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use customerio_wasm::ops::AnyOperation;
use customerio_wasm::spec::OPERATIONS;
use customerio_wasm::typescript::declarations;
use customerio_wasm::wire::shape::NAMED;

#[test]
fn every_answer_shape_is_written_under_a_name() {
    let types = declarations();
    for op in OPERATIONS {
        let shape = AnyOperation::shape_of(op.name).unwrap();
        let named = NAMED.iter().find(|n| n.fields == shape);
        let named =
            named.unwrap_or_else(|| panic!("{}: its answer shape has no name in NAMED", op.name));
        assert!(
            types.contains(&format!("export interface {} {{", named.name)),
            "{}",
            named.name
        );
    }
}

#[test]
fn every_operation_with_parameters_has_its_interface_with_the_tables_descriptions() {
    let types = declarations();
    for op in OPERATIONS.iter().filter(|op| !op.params.is_empty()) {
        assert!(
            types.contains(&format!("/** {} */\nexport", op.summary)),
            "{}: its summary is not the doc comment of its parameters",
            op.name
        );
        for param in op.params {
            assert!(
                types.contains(&format!("/** {} */", param.description)),
                "{}.{}: its description is not in the types",
                op.name,
                param.name
            );
        }
    }
}

#[test]
fn a_name_in_named_is_written_once() {
    let types = declarations();
    for named in NAMED {
        let declared = types
            .matches(&format!("export interface {} {{", named.name))
            .count()
            + types
                .matches(&format!("export type {} = ", named.name))
                .count();
        assert_eq!(declared, 1, "{}", named.name);
    }
}
