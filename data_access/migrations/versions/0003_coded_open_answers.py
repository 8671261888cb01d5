"""coded open answers: redacted texts, themes, key terms and coding runs of the text pipeline

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('coded_answers',
    sa.Column('respondent_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.String(length=64), nullable=False),
    sa.Column('wave', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('language_source', sa.String(length=16), nullable=False),
    sa.Column('is_substantive', sa.Boolean(), nullable=False),
    sa.Column('redacted_text', sa.Text(), nullable=False),
    sa.Column('redaction_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], ),
    sa.ForeignKeyConstraint(['respondent_id'], ['respondents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wave'], ['waves.code'], ),
    sa.PrimaryKeyConstraint('respondent_id', 'question_id')
    )
    op.create_index('ix_coded_answers_wave_question', 'coded_answers', ['wave', 'question_id'], unique=False)
    op.create_table('coded_answer_themes',
    sa.Column('respondent_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.String(length=64), nullable=False),
    sa.Column('theme_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], ),
    sa.ForeignKeyConstraint(['respondent_id'], ['respondents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('respondent_id', 'question_id', 'theme_id')
    )
    op.create_table('key_terms',
    sa.Column('question_id', sa.String(length=64), nullable=False),
    sa.Column('wave', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('term', sa.String(length=200), nullable=False),
    sa.Column('n_respondents', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], ),
    sa.ForeignKeyConstraint(['wave'], ['waves.code'], ),
    sa.PrimaryKeyConstraint('question_id', 'wave', 'language', 'kind', 'term')
    )
    op.create_table('theme_coding_runs',
    sa.Column('wave', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.String(length=64), nullable=False),
    sa.Column('codebook_version', sa.String(length=64), nullable=False),
    sa.Column('theme_ids', sa.Text(), nullable=False),
    sa.Column('analyser', sa.String(length=16), nullable=False),
    sa.Column('coded_at', sa.DateTime(), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], ),
    sa.ForeignKeyConstraint(['wave'], ['waves.code'], ),
    sa.PrimaryKeyConstraint('wave', 'question_id')
    )


def downgrade() -> None:
    op.drop_table('theme_coding_runs')
    op.drop_table('key_terms')
    op.drop_table('coded_answer_themes')
    op.drop_index('ix_coded_answers_wave_question', table_name='coded_answers')
    op.drop_table('coded_answers')
