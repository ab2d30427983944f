<?xml version="1.0" encoding="UTF-8"?>
<!--
  unit.xsl: one unit for the administrator: its code, kind and whether
  it is outside the municipality, the form to change it (the code
  stays), and the people who work there, with the way to add one. No
  child's data. View: h_unit.c (<unit id code name kind external
  created people/>, <people><person id username name role
  active/></people>, <error form="edit" field> and <typed> after a
  refusal; what a change did is said by _layout.xsl's done).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>
  <xsl:import href="_account.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="unit/@name"/>
    <xsl:text> – </xsl:text>
    <xsl:value-of select="i:t('Units')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="u" select="unit"/>
    <p><a href="/admin/units"><xsl:value-of select="i:t('All units')"/></a></p>
    <h1><xsl:value-of select="$u/@name"/></h1>
    <xsl:call-template name="error-summary">
      <xsl:with-param name="title" select="i:t('The change was not saved. Correct this:')"/>
    </xsl:call-template>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Kind of unit')"/></dt>
      <dd><xsl:call-template name="service"><xsl:with-param name="code" select="$u/@kind"/></xsl:call-template></dd>
      <dt><xsl:value-of select="i:t('Code')"/></dt>
      <dd><code><xsl:value-of select="$u/@code"/></code></dd>
      <dt><xsl:value-of select="i:t('Outside the municipality')"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$u/@external = 'true'"><xsl:value-of select="i:t('Yes')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('No')"/></xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt><xsl:value-of select="i:t('People who can log in')"/></dt>
      <dd><xsl:value-of select="$u/@people"/></dd>
    </dl>

    <section aria-labelledby="people-title" id="people">
      <h2 id="people-title"><xsl:value-of select="i:t('People in {0}', $u/@name)"/></h2>
      <xsl:choose>
        <xsl:when test="not(people/person)">
          <p class="none"><xsl:value-of select="i:t('Nobody works here yet.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <ul class="links">
            <xsl:for-each select="people/person">
              <li>
                <a href="/admin/people/{@id}"><xsl:value-of select="@name"/></a>
                <xsl:text> (</xsl:text>
                <xsl:call-template name="role-name"><xsl:with-param name="r" select="@role"/></xsl:call-template>
                <xsl:text>)</xsl:text>
                <xsl:if test="@active != 'true'">
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="person-state"/>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:otherwise>
      </xsl:choose>
      <p><a class="button secondary" href="/admin/people?unit={$u/@id}#new"><xsl:value-of select="i:t('Add a person to {0}', $u/@name)"/></a></p>
    </section>

    <section aria-labelledby="edit-title" id="edit">
      <h2 id="edit-title"><xsl:value-of select="i:t('Change the unit')"/></h2>
      <p class="hint"><xsl:value-of select="i:t('The code stays as it is: forms and imports refer to the unit by it.')"/></p>
      <form method="post" action="/admin/units/{$u/@id}" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="unit-fields">
          <xsl:with-param name="form" select="'edit'"/>
          <xsl:with-param name="u" select="$u"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Save the changes')"/></button>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
